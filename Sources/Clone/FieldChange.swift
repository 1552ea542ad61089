import ModelArtsAPI

/// One line of the diff between an archived version and the request built from it.
public struct FieldChange: Sendable, Equatable {
    /// The field, e.g. `spec_id` or `parameter learning_rate`.
    public var field: String
    /// The archived value (nil: the archive has none).
    public var archived: JSONValue?
    /// The value sent (nil: not sent).
    public var requested: JSONValue?
    /// Why, when the change is not a plain override (a dropped field, a mapping).
    public var note: String?

    /// Creates a diff line.
    public init(field: String, archived: JSONValue?, requested: JSONValue?, note: String? = nil) {
        self.field = field
        self.archived = archived
        self.requested = requested
        self.note = note
    }

    /// `=` unchanged, `~` changed, `+` added, `-` not sent.
    public var symbol: String {
        switch (archived, requested) {
        case (nil, nil): return "="
        case (nil, _): return "+"
        case (_, nil): return "-"
        case let (a?, r?): return a == r ? "=" : "~"
        }
    }

    /// One line for people: `~ spec_id: 1 → 2`, `- data_url: "/usr/data/" (why)`.
    public var line: String {
        var text = "\(symbol) \(field)"
        switch (archived, requested) {
        case let (a?, r?) where a != r: text += ": \(a.serialized()) → \(r.serialized())"
        case let (a?, _): text += ": \(a.serialized())"
        case let (nil, r?): text += ": \(r.serialized())"
        default: break
        }
        if let note { text += " (\(note))" }
        return text
    }

    /// The change as a JSON object for `--json`.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("field", .string(field)), ("change", .string(symbol))]
        members.append(("archived", archived ?? .null))
        members.append(("requested", requested ?? .null))
        if let note { members.append(("note", .string(note))) }
        return .object(members)
    }
}
