import Foundation
@testable import SampleProject

/// Shared helpers for the SampleProject tests.
enum TestSupport {
    /// The default project, generated once.
    static let defaultProject = SampleProjectGenerator.generate(SampleProjectOptions())

    /// Parses a body as a JSON object.
    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        guard let object = value as? [String: Any] else { throw TestError.notAnObject }
        return object
    }

    /// Every JSON body of a project, with a label.
    static func allBodies(_ project: GeneratedProject) -> [(String, [UInt8])] {
        var bodies: [(String, [UInt8])] = [
            ("jobList", project.jobListBody), ("customConfigs", project.customConfigListBody),
            ("sampleConfigs", project.sampleConfigListBody), ("specs", project.resourceSpecsBody),
            ("engines", project.aiEnginesBody), ("algorithms", project.builtInAlgorithmsBody),
            ("visualization", project.visualizationJobsBody),
        ]
        for config in project.configs { bodies.append(("config " + config.name, config.detailBody)) }
        for job in project.jobs {
            bodies.append(("versions \(job.jobID)", job.versionsBody))
            for version in job.versions {
                bodies.append(("detail \(version.versionID)", version.detailBody))
                bodies.append(("logNames \(version.versionID)", version.logFileNamesBody))
            }
        }
        return bodies
    }

    /// Every log of a project.
    static func allLogs(_ project: GeneratedProject) -> [GeneratedLog] {
        project.jobs.flatMap { $0.versions.flatMap(\.logs) }
    }

    /// Total raw log bytes of a project.
    static func logBytes(_ project: GeneratedProject) -> Int {
        allLogs(project).reduce(0) { $0 + $1.content.count }
    }

    /// The seed document, found relative to this file, if present.
    static func seedText(filePath: String = #filePath) -> String? {
        let url = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("../../../shared/seed/000_0ef11fa24d8b7da5.txt")
            .standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// The JSON examples of the seed text: what follows each "成功响应示例 " up to " 失败响应示例".
    static func seedExamples(_ text: String) -> [String] {
        var examples: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "成功响应示例 ") {
            let after = rest[start.upperBound...]
            guard let end = after.range(of: " 失败响应示例") else { break }
            examples.append(String(after[..<end.lowerBound]))
            rest = after[end.upperBound...]
        }
        return examples
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    enum TestError: Error { case notAnObject }
}
