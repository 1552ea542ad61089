import Foundation

/// The one JSON convention of everything jobarchive writes for people and scripts (`--json`, export files,
/// bench results): snake_case keys (the API's own, Datasette's and sqlite-utils'), sorted, pretty-printed,
/// slashes unescaped.
///
/// Swift property names are camelCase; the encoder converts them (`jobID` → `job_id`,
/// `latestVersionID` → `latest_version_id`). Dictionary keys go through the same conversion, so every
/// dictionary jobarchive encodes is keyed by lowercase names (table, kind, role and metadata names).
public enum JSONOutput {
    /// A fresh encoder with the convention.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    /// A decoder for what ``encoder()`` wrote, for types whose names have no all-capital words (`ExportManifest`).
    ///
    /// Foundation turns `as_of_capture` back into `asOfCapture`, but `job_id` into `jobId`, not `jobID`.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// `value` encoded with the convention.
    public static func encode(_ value: some Encodable) throws -> Data {
        try encoder().encode(value)
    }
}
