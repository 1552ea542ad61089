import ModelArtsAPI

/// Indented JSON text for people: keys in order, numbers by their archived spelling.
public enum PrettyJSON {
    /// `value` as JSON indented by two spaces per level.
    public static func render(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch value {
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += pad + JSONValue.string(member.key).serialized() + ": "
                write(member.value, indent: indent + 1, into: &out)
                out += index + 1 < members.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        case .array(let elements) where !elements.isEmpty:
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += pad
                write(element, indent: indent + 1, into: &out)
                out += index + 1 < elements.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        default:
            out += value.serialized()
        }
    }
}
