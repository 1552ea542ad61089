import ArchiveStore
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI
import Testing

@Suite("Entities: raw bytes, typed columns, revisions")
struct EntityTests {
    @Test("the seed's version list round-trips byte for byte through list + items")
    func seedVersionListByteExact() throws {
        let t = try TestArchive()
        let body = Array(SeedFixtures.versionList.utf8)
        let keys = try t.archive.lists.put(
            listKey: "versions/10", body: body, itemsKey: "versions", itemKind: .version, capture: t.capture
        ) { json in json["version_id"]?.int64.map { "10/\($0)" } }
        #expect(keys == ["10/10"])
        #expect(try t.archive.lists.render("versions/10") == body)
        let ranges = try #require(try RawJSON.arrayElements(body, key: "versions"))
        let version = try #require(try t.archive.entities.entity(kind: .version, key: "10/10"))
        #expect(version.raw == Array(body[ranges[0]]))
    }

    @Test("typed columns come from the raw JSON leniently")
    func typedColumns() throws {
        let t = try TestArchive()
        let body = Array(SeedFixtures.versionList.utf8)
        try t.archive.lists.put(listKey: "versions/10", body: body, itemsKey: "versions", itemKind: .version, capture: t.capture) {
            $0["version_id"]?.int64.map { "10/\($0)" }
        }
        let row = try #require(try t.archive.jobs.versionRow(jobID: 10, versionID: 10))
        #expect(row["core"] == "2")  // a number in the JSON, a string column
        #expect(row["cpu"] == "8")
        #expect(row["engine_name"] == "TensorFlow")
        #expect(row["pre_version_id"] == "5")
        #expect(row["pool_id"] == "pool9928813f")
        let params = try t.archive.jobs.parameters(jobID: 10, versionID: 10)
        #expect(params.map(\.label) == ["learning_rate"])
        #expect(params.first?.valueJSON == "0.01")
        let report = try t.archive.verify()
        #expect(report.ok, "\(report.failures)")
        #expect(report.checked["typed"] == 2)  // the version and its list envelope
    }

    @Test("config detail kept exactly; unchanged bytes add no revision; a change adds one")
    func revisions() throws {
        let t = try TestArchive()
        let body = Array(SeedFixtures.configDetail.utf8)
        #expect(try t.archive.entities.put(kind: .config, key: "custom/config123", raw: body, capture: t.capture) == .inserted)
        let c2 = try t.archive.captures.begin(source: "test")
        #expect(try t.archive.entities.put(kind: .config, key: "custom/config123", raw: body, capture: c2) == .unchanged)
        var changed = body
        changed.replaceSubrange(changed.firstRange(of: Array("\"64\"".utf8))!, with: Array("\"128\"".utf8))
        let c3 = try t.archive.captures.begin(source: "test")
        #expect(try t.archive.entities.put(kind: .config, key: "custom/config123", raw: changed, capture: c3) == .changed)
        let revisions = try t.archive.entities.revisions(kind: .config, key: "custom/config123")
        #expect(revisions.map(\.captureID) == [t.capture, c3])
        #expect(try t.archive.entities.entity(kind: .config, key: "custom/config123", asOf: c2)?.raw == body)
        #expect(try t.archive.entities.entity(kind: .config, key: "custom/config123")?.raw == changed)
    }

    @Test("entities gone upstream are marked deleted and kept; as-of reads see them")
    func deletionAndAsOf() throws {
        let t = try TestArchive()
        for id in 1...3 {
            try t.archive.entities.put(kind: .job, key: "\(id)", raw: Array(#"{"job_id":\#(id),"job_name":"j\#(id)"}"#.utf8), capture: t.capture)
        }
        let c2 = try t.archive.captures.begin(source: "test")
        let marked = try t.archive.entities.markMissing(kind: .job, present: ["1", "3"], capture: c2)
        #expect(marked == ["2"])
        #expect(try t.archive.entities.liveKeys(kind: .job) == ["1", "3"])
        #expect(try t.archive.entities.liveKeys(kind: .job, asOf: t.capture) == ["1", "2", "3"])
        let gone = try #require(try t.archive.entities.entity(kind: .job, key: "2"))
        #expect(gone.deleted)
        #expect(try t.archive.entities.entity(kind: .job, key: "2", asOf: t.capture)?.raw != nil)
        // Coming back is a new revision.
        let c3 = try t.archive.captures.begin(source: "test")
        #expect(try t.archive.entities.put(kind: .job, key: "2", raw: Array(#"{"job_id":2,"job_name":"j2"}"#.utf8), capture: c3) == .inserted)
        #expect(try t.archive.entities.liveKeys(kind: .job) == ["1", "2", "3"])
    }

    @Test("malformed JSON is refused with its byte offset, and nothing is stored")
    func malformed() throws {
        let t = try TestArchive()
        #expect {
            try t.archive.entities.put(kind: .job, key: "1", raw: Array(#"{"job_id": 1,}"#.utf8), capture: t.capture)
        } throws: { error in
            (error as? ArchiveError)?.message.contains("at byte") == true
        }
        #expect(try t.archive.entities.liveKeys(kind: .job).isEmpty)
    }

    @Test("the content digest does not depend on insertion order")
    func digestOrderIndependent() throws {
        let a = try TestArchive()
        let b = try TestArchive()
        let items = (1...5).map { id in (key: "\(id)", raw: Array(#"{"job_id":\#(id)}"#.utf8)) }
        for item in items { try a.archive.entities.put(kind: .job, key: item.key, raw: item.raw, capture: a.capture) }
        for item in items.reversed() { try b.archive.entities.put(kind: .job, key: item.key, raw: item.raw, capture: b.capture) }
        try a.archive.logs.write(jobID: 1, versionID: 1, fileName: "a.0", content: Array("x\ny\n".utf8), capture: a.capture)
        try b.archive.logs.write(jobID: 1, versionID: 1, fileName: "a.0", content: Array("x\n".utf8), capture: b.capture)
        try b.archive.logs.write(jobID: 1, versionID: 1, fileName: "a.0", content: Array("x\ny\n".utf8), capture: b.capture)
        #expect(try a.archive.contentDigest() == b.archive.contentDigest())
        let c = try b.archive.captures.begin(source: "again")
        try b.archive.entities.put(kind: .job, key: "1", raw: items[0].raw, capture: c)
        #expect(try a.archive.contentDigest() == b.archive.contentDigest(), "an unchanged capture keeps the digest")
        try b.archive.entities.put(kind: .job, key: "1", raw: Array(#"{"job_id":1,"x":1}"#.utf8), capture: c)
        #expect(try a.archive.contentDigest() != b.archive.contentDigest())
    }
}
