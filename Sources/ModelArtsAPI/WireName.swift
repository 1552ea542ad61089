/// How a Swift property name is spelled on the wire and in the typed tables: one rule for the decoder's key
/// lookup and the archive's column names.
package enum WireName {
    /// The wire spelling of a Swift key: camelCase to snake_case, keeping acronyms whole
    /// (`datasetVersionID` → `dataset_version_id`, `URLPath` → `url_path`); only ASCII letters change case.
    package static func snakeCase(_ name: String) -> String {
        func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        let bytes = Array(name.utf8)
        guard bytes.contains(where: isUpper) else { return name }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 4)
        for (index, byte) in bytes.enumerated() {
            guard isUpper(byte) else {
                result.append(byte)
                continue
            }
            if index > 0 {
                let previous = bytes[index - 1]
                let nextIsLower = index + 1 < bytes.count && isLower(bytes[index + 1])
                if previous != UInt8(ascii: "_"), !isUpper(previous) || nextIsLower {
                    result.append(UInt8(ascii: "_"))
                }
            }
            result.append(byte + 32)
        }
        return String(decoding: result, as: UTF8.self)
    }
}

extension WireName {
    /// Acronyms a snake_case name spells in lower case that Swift names spell in capitals (`job_id` → `jobID`).
    static let acronyms: Set<String> = ["id", "url"]

    /// The Swift spelling of a wire or column name — the inverse of ``snakeCase(_:)`` for the names this
    /// package uses (`dataset_version_id` → `datasetVersionID`, `user_image_url` → `userImageURL`).
    package static func camelCase(_ name: String) -> String {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count > 1, let first = parts.first else { return name }
        var result = String(first)
        for part in parts.dropFirst() {
            let word = String(part)
            if acronyms.contains(word) {
                result += word.uppercased()
            } else if let head = word.first {
                result += head.uppercased() + word.dropFirst()
            }
        }
        return result
    }
}
