import Foundation
import ModelArtsAPI

/// Small helpers shared by the test suites.
enum TestSupport {
    /// UTF-8 bytes of `text`.
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Parses `text`, failing the test on error.
    static func json(_ text: String) throws -> JSONValue { try RawJSON.parse(Array(text.utf8)) }

    /// The package root of /work/main (two levels above this file's directory, symlinks resolved).
    static func packageRoot(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent()  // ModelArtsAPITests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
    }

    /// `../shared/testdata/aksk-sha256-vectors.json` relative to the package root.
    static func vectorsURL() -> URL {
        let primary = packageRoot().appendingPathComponent("../shared/testdata/aksk-sha256-vectors.json").standardized
        if FileManager.default.fileExists(atPath: primary.path) { return primary }
        // When built through a symlinked throwaway package whose #filePath is not resolvable.
        return URL(fileURLWithPath: "/work/shared/testdata/aksk-sha256-vectors.json")
    }
}
