import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

@Suite("Version fields: typed values, compared exactly, shown by the caller")
struct VersionFieldTests {
    static var bundled: String { CommandRunner.packageRoot.appendingPathComponent("archives/sample.sqlite").path }

    @Test("a system-metric series is a summary value, not text; other fields are their JSON text")
    func seriesIsTyped() throws {
        let archive = try Archive.open(at: VersionFieldTests.bundled, mode: .readOnly)
        let (side, fields) = try archive.jobs.versionFields(jobID: 571581, versionID: 1112489)
        #expect(side.jobID == 571581 && side.versionID == 1112489)
        let cpu = try #require(fields.first { $0.section == "system metrics" && $0.name == "cpuUsage" })
        guard case .series(let summary) = cpu.value else {
            Issue.record("cpuUsage is \(String(describing: cpu.value)), not a series")
            return
        }
        #expect(summary.samples == 19)
        #expect(abs(summary.mean - 43.6) < 1e-9)
        #expect(summary.max == 96.94)
        #expect(fields.first { $0.name == "version_name" }?.value == .text("V0004"))
        #expect(fields.first { $0.section == "system metrics" && $0.name == "interval" }?.value == .text("1"))
    }

    @Test("compare: changed series and unchanged text, each kept typed")
    func compareTyped() throws {
        let archive = try Archive.open(at: VersionFieldTests.bundled, mode: .readOnly)
        let (_, a) = try archive.jobs.versionFields(jobID: 571581, versionID: 1112489)
        let (_, b) = try archive.jobs.versionFields(jobID: 571581, versionID: 1112679)
        let changes = JobReader.compare(a, b, includeSame: true)
        let cpu = try #require(changes.first { $0.name == "cpuUsage" })
        #expect(!cpu.same)
        if case .series(let right) = cpu.b { #expect(right.samples == 28) } else { Issue.record("b is not a series") }
        #expect(changes.first { $0.name == "interval" }?.same == true)
        #expect(JobReader.compare(a, a).isEmpty)
    }
}
