import Foundation

/// Lines taken from real training logs, mixed into generated logs for flavour.
struct RealLogCorpus: Sendable {
    /// All kept bytes, lines back to back (each line ends with `\n`).
    var bytes: [UInt8] = []
    /// Start offset of every line in ``bytes``; the line ends where the next begins.
    var lineStarts: [Int] = []

    /// Maximum bytes read from one file.
    static let perFileLimit = 262_144
    /// Maximum bytes kept in total.
    static let totalLimit = 8_388_608

    /// Number of lines held.
    var lineCount: Int { lineStarts.count }

    /// Whether there is nothing to mix in.
    var isEmpty: Bool { lineStarts.isEmpty }

    /// Loads the regular files of `directory` sorted by the bytes of their names; nil or missing gives an empty corpus.
    static func load(directory: String?) -> RealLogCorpus {
        var corpus = RealLogCorpus()
        guard let directory else { return corpus }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        // try?: `sample --real-logs` refuses an unreadable directory before generating; the corpus only adds
        // flavour to synthetic logs, so a file that cannot be read is left out rather than failing the sample.
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
              let names = try? manager.contentsOfDirectory(atPath: directory)
        else { return corpus }
        let sorted = names
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".tsv") && !$0.hasSuffix(".md") && !$0.hasSuffix(".json") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        for name in sorted {
            if corpus.bytes.count >= totalLimit { break }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let handle = FileHandle(forReadingAtPath: path) else { continue }
            let data = (try? handle.read(upToCount: perFileLimit)) ?? nil  // try?: see above
            try? handle.close()  // try?: a read-only handle; nothing is lost if closing fails
            guard let data, !data.isEmpty else { continue }
            corpus.add(fileBytes: [UInt8](data))
        }
        return corpus
    }

    /// Splits one file's bytes into lines and keeps the non-blank ones (a partial last line is dropped when the file was cut).
    mutating func add(fileBytes: [UInt8]) {
        var start = 0
        let count = fileBytes.count
        while start < count {
            var end = start
            while end < count && fileBytes[end] != 0x0A { end += 1 }
            let length = end - start
            if end == count && count == RealLogCorpus.perFileLimit { break }
            if length > 0 && length <= 4096 {
                lineStarts.append(bytes.count)
                bytes.append(contentsOf: fileBytes[start..<end])
                bytes.append(0x0A)
            }
            start = end + 1
        }
    }

    /// Appends `count` consecutive lines starting at `first` (wrapping around) to `out`.
    func appendLines(first: Int, count: Int, to out: inout [UInt8]) {
        guard !lineStarts.isEmpty else { return }
        var index = first % lineStarts.count
        for _ in 0..<count {
            let start = lineStarts[index]
            let end = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
            out.append(contentsOf: bytes[start..<end])
            index = (index + 1) % lineStarts.count
        }
    }
}
