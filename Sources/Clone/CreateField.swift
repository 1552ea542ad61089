import ModelArtsAPI

/// A field of the v1 create-job `config` (reference §1.7): its name, documented type and checks.
public struct CreateField: Sendable, Equatable {
    /// The documented type of a create-API field.
    public enum FieldType: Sendable, Equatable {
        /// Integer / Long, at least `minimum`.
        case integer(minimum: Int64)
        /// A plain non-empty string without control characters.
        case text
        /// An OBS path: `/bucket/dir/…`, `obs://…` or `s3://…`, no whitespace.
        case obsPath
        /// An image reference: non-empty, no whitespace.
        case image
        /// A JSON array (data_source, volumes).
        case jsonArray
    }

    /// The field name in the request body.
    public var name: String
    /// The documented type.
    public var type: FieldType

    /// The `config` fields `--config` accepts, in the order request bodies list them.
    public static let all: [CreateField] = [
        CreateField(name: "worker_server_num", type: .integer(minimum: 1)),
        CreateField(name: "app_url", type: .obsPath),
        CreateField(name: "boot_file_url", type: .obsPath),
        CreateField(name: "data_url", type: .obsPath),
        CreateField(name: "dataset_id", type: .text),
        CreateField(name: "dataset_version_id", type: .text),
        CreateField(name: "data_source", type: .jsonArray),
        CreateField(name: "spec_id", type: .integer(minimum: 1)),
        CreateField(name: "pool_id", type: .text),
        CreateField(name: "engine_id", type: .integer(minimum: 1)),
        CreateField(name: "model_id", type: .integer(minimum: 0)),
        CreateField(name: "train_url", type: .obsPath),
        CreateField(name: "log_url", type: .obsPath),
        CreateField(name: "user_image_url", type: .image),
        CreateField(name: "user_command", type: .text),
        CreateField(name: "volumes", type: .jsonArray),
    ]

    /// The field named `name`, or nil when the create API has no such `config` field.
    public static func named(_ name: String) -> CreateField? {
        all.first { $0.name == name }
    }

    /// Parses `--config field=value`: the field must be a create-API field and the value must fit its type.
    ///
    /// - Throws: ``CloneError`` (`.invalidOption`) for a field that is not a create-API field or a value that does
    ///   not fit its type.
    public static func parse(_ assignment: String) throws(CloneError) -> (field: CreateField, value: JSONValue) {
        let (name, text) = try ParameterOverride.splitAssignment(assignment, option: "--config")
        guard let field = named(name) else {
            throw CloneError(.invalidOption, "--config \(name): not a create-API config field; use one of \(all.map(\.name).joined(separator: ", "))")
        }
        return (field, try field.value(from: text))
    }

    /// The typed JSON value for `text`, validated.
    ///
    /// - Throws: ``CloneError`` (`.invalidOption`) when `text` does not fit this field's type or range.
    public func value(from text: String) throws(CloneError) -> JSONValue {
        switch type {
        case .integer(let minimum):
            guard let n = Int64(text), n >= minimum else {
                throw CloneError(.invalidOption, "--config \(name)=\(text): expected an integer ≥ \(minimum)")
            }
            return .number(String(n))
        case .text:
            guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw CloneError(.invalidOption, "--config \(name): expected a non-empty single-line text")
            }
            return .string(text)
        case .obsPath:
            try CreateField.checkOBSPath(text, field: name)
            return .string(text)
        case .image:
            guard !text.isEmpty, !text.contains(where: \.isWhitespace) else {
                throw CloneError(.invalidOption, "--config \(name): expected an image reference like swr.example.com/org/image:tag")
            }
            return .string(text)
        case .jsonArray:
            // try?: a parse failure becomes the usage error just below.
            guard let parsed = try? RawJSON.parse(text), let elements = parsed.array,
                elements.allSatisfy({ $0.object != nil })
            else {
                throw CloneError(.invalidOption, "--config \(name): expected a JSON array of objects")
            }
            return parsed
        }
    }

    /// Checks an OBS path: `/bucket/…`, `obs://…` or `s3://…`, without whitespace or control characters.
    static func checkOBSPath(_ text: String, field: String) throws(CloneError) {
        let prefixed = text.hasPrefix("/") || text.hasPrefix("obs://") || text.hasPrefix("s3://")
        guard prefixed, text.count > 1, !text.contains(where: { $0.isWhitespace }) else {
            throw CloneError(.invalidOption, "--config \(field)=\(text): expected an OBS path like /bucket/dir/ (or obs://, s3://)")
        }
    }
}
