import ArchiveStore
import Foundation
import JobArchiveTestSupport
import Testing

/// Stored values that do not decode, and raw JSON that derives no typed rows: reported, never a trap or silence.
@Suite("Damaged values and typed derivation failures")
struct DamagedValueTests {
    @Test("a job whose JSON does not decode as V1JobListEntry is kept, listed for its capture, and a verify warning")
    func typedDerivationFailure() throws {
        let t = try TestArchive()
        try t.archive.entities.put(kind: .job, key: "12", raw: Array(#"{"job_id":"twelve","job_name":"odd"}"#.utf8), capture: t.capture)
        try t.archive.entities.put(kind: .job, key: "13", raw: Array(#"{"job_id":13,"job_name":"fine"}"#.utf8), capture: t.capture)
        try t.archive.captures.finish(t.capture, complete: true)
        let failures = try t.archive.entities.typedDerivationFailures(capture: t.capture)
        #expect(failures.map(\.entity) == ["job 12"])
        #expect(failures.first?.model == "V1JobListEntry")
        #expect(failures.first?.summary.hasPrefix("job 12: raw JSON does not decode as V1JobListEntry: missing or invalid \"job_id\"") == true)
        #expect(try t.archive.entities.entity(kind: .job, key: "12")?.raw == Array(#"{"job_id":"twelve","job_name":"odd"}"#.utf8))
        let report = try t.archive.verify()
        #expect(report.ok, "\(report.failures)")
        #expect(report.warnings.map(\.item) == ["job 12"])
        #expect(report.warnings.first?.check == "typed")
    }

    @Test("a NULL where the format promises an integer throws a damagedValue error naming table, row and column")
    func nullInTypedColumn() throws {
        let t = try TestArchive()
        try t.archive.entities.put(kind: .job, key: "13", raw: Array(#"{"job_id":13,"job_name":"fine"}"#.utf8), capture: t.capture)
        try t.archive.captures.finish(t.capture, complete: true)
        let revision = try #require(try t.archive.entities.entity(kind: .job, key: "13")?.id)
        try DamageTool.setValue(path: t.path, table: "revisions", row: "id = \(revision)", column: "deleted", to: .null)
        let reader = try Archive.open(at: t.path)
        #expect(throws: ArchiveError(.damagedValue, "\(t.path): damaged value in revisions row \(revision) column deleted: NULL where an integer is expected")) {
            try reader.entities.entity(kind: .job, key: "13")
        }
        let report = try reader.verify()
        #expect(report.failures.contains { $0.check == "revision" && $0.message.contains("column deleted: NULL") }, "\(report.failures)")
    }

    /// A listing read as records (``ArchiveRecord``): a damaged value names the table, the row and the column.
    @Test(
        "a listing row read as a record names table, row and column of a damaged value",
        arguments: [
            ("jobs", "version_count", DamageTool.BadValue.text("many"), "text 'many' where an integer is expected"),
            ("versions", "version_name", DamageTool.BadValue.blob([0xFF, 0xFE]), "a blob of 2 bytes that is not UTF-8 where text is expected"),
        ])
    func damagedRecordValue(table: String, column: String, value: DamageTool.BadValue, message: String) throws {
        let t = try TestArchive()
        try t.archive.entities.put(kind: .job, key: "13", raw: Array(#"{"job_id":13,"job_name":"fine","version_count":1}"#.utf8), capture: t.capture)
        try t.archive.entities.put(kind: .version, key: "13/5", raw: Array(#"{"job_id":13,"version_id":5,"version_name":"V0001"}"#.utf8), capture: t.capture)
        try t.archive.captures.finish(t.capture, complete: true)
        let kind: EntityKind = table == "jobs" ? .job : .version
        let revision = try #require(try t.archive.entities.entity(kind: kind, key: table == "jobs" ? "13" : "13/5")?.id)
        try DamageTool.setValue(path: t.path, table: table, row: "revision_id = \(revision)", column: column, to: value)
        let reader = try Archive.open(at: t.path)
        let expected = ArchiveError(.damagedValue, "\(t.path): damaged value in \(table) row \(revision) column \(column): \(message)")
        #expect(throws: expected) {
            if table == "jobs" { _ = try reader.jobs.list() } else { _ = try reader.jobs.versions(jobID: 13) }
        }
    }
}
