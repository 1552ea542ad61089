import ModelArtsAPI

/// A list item's field reduced to what sorting and filtering need.
enum FieldValue: Sendable, Equatable {
    /// Absent or `null` (sorts first in ascending order).
    case missing
    /// `true` / `false`.
    case bool(Bool)
    /// An integral number.
    case integer(Int64)
    /// Any other number.
    case real(Double)
    /// A string, as UTF-8 bytes.
    case text([UInt8])

    /// Reduces a JSON value (objects and arrays count as missing).
    init(_ json: JSONValue?) {
        switch json {
        case .bool(let flag)?: self = .bool(flag)
        case .number(let spelling)?:
            if let int = Int64(spelling) {
                self = .integer(int)
            } else if let double = Double(spelling) {
                self = .real(double)
            } else {
                self = .missing
            }
        case .string(let text)?: self = .text(Array(text.utf8))
        default: self = .missing
        }
    }

    /// The integer value of a number or a numeric string.
    var integer: Int64? {
        switch self {
        case .integer(let value): return value
        case .text(let bytes): return Int64(String(decoding: bytes, as: UTF8.self))
        default: return nil
        }
    }

    /// The text of a string, or the spelling of a number.
    var text: String? {
        switch self {
        case .text(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .bool(let flag): return flag ? "true" : "false"
        case .missing: return nil
        }
    }

    private var rank: Int {
        switch self {
        case .missing: return 0
        case .bool: return 1
        case .integer, .real: return 2
        case .text: return 3
        }
    }

    /// Three-way comparison: missing < booleans < numbers < strings; strings of digits compare as numbers,
    /// other strings by their bytes.
    static func compare(_ a: FieldValue, _ b: FieldValue) -> Int {
        if a.rank != b.rank { return a.rank < b.rank ? -1 : 1 }
        switch (a, b) {
        case let (.bool(x), .bool(y)):
            return x == y ? 0 : (!x ? -1 : 1)
        case let (.integer(x), .integer(y)):
            return x == y ? 0 : (x < y ? -1 : 1)
        case let (.text(x), .text(y)):
            if isDigits(x), isDigits(y), x.count != y.count {
                return stripZeros(x).count == stripZeros(y).count
                    ? bytes(stripZeros(x), stripZeros(y)) : (stripZeros(x).count < stripZeros(y).count ? -1 : 1)
            }
            return bytes(x, y)
        default:
            let x = a.double ?? 0
            let y = b.double ?? 0
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }

    private var double: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        default: return nil
        }
    }

    private static func isDigits(_ bytes: [UInt8]) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func stripZeros(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        let start = bytes.firstIndex(where: { $0 != UInt8(ascii: "0") }) ?? bytes.endIndex
        return bytes[start...]
    }

    private static func bytes(_ x: some Collection<UInt8>, _ y: some Collection<UInt8>) -> Int {
        if x.elementsEqual(y) { return 0 }
        return x.lexicographicallyPrecedes(y) ? -1 : 1
    }
}
