import ArchiveStore
import Foundation
import JobArchiveTestSupport
import ModelArtsAPI
import Testing

/// Typed columns declared once: filled from the wire model property of the same name, rebuilt from raw bytes.
@Suite("typed columns: one declaration each, rebuilt from raw JSON")
struct TypedColumnsTests {
    /// The seed's version list entry and config detail as entities, plus a resource spec.
    static func seeded() throws -> TestArchive {
        let t = try TestArchive()
        let version = try #require(try RawJSON.parse(SeedFixtures.versionList)["versions"]?.array?.first)
        try t.archive.entities.put(kind: .versionDetail, key: "10/10", raw: Array(version.serialized().utf8), capture: t.capture)
        try t.archive.entities.put(kind: .config, key: "custom/config123", raw: Array(SeedFixtures.configDetail.utf8), capture: t.capture)
        try t.archive.entities.put(
            kind: .resourceSpec, key: "4",
            raw: Array(#"{"spec_id":4,"spec_code":"modelarts.vm.gpu.v100","core":"8","cpu":"64","gpu_num":1,"interface_type":2,"no_resource":false}"#.utf8),
            capture: t.capture)
        try t.archive.captures.finish(t.capture, complete: true)
        return t
    }

    @Test("a column takes the model property of its name: numbers, numeric strings, flags and nulls as the wire had them")
    func filledFromModel() throws {
        let t = try Self.seeded()
        let revision = try #require(try t.archive.entities.entity(kind: .resourceSpec, key: "4"))
        let row = try #require(try t.archive.entities.typedRows(table: "resource_specs", revisionID: revision.id).first)
        #expect(row["spec_code"] == "modelarts.vm.gpu.v100")
        #expect(row["core"] == "8")
        #expect(row["interface_type"] == "2")
        #expect(row["no_resource"] == "0")
        #expect(row["max_num"] == .some(nil))
        let version = try #require(try t.archive.entities.entity(kind: .versionDetail, key: "10/10"))
        let v = try #require(try t.archive.entities.typedRows(table: "versions", revisionID: version.id).first)
        #expect(v["worker_server_num"] == "1")
        #expect(v["dataset_version_id"] == "2ff0d6ba-c480-45ae-be41-09a8369bfc90")
        #expect(v["metric_interval"] == "1", "a computed column (system_metric_list.interval)")
        let volumes = try t.archive.entities.typedRows(table: "volumes", revisionID: version.id)
        #expect(volumes.map { $0["kind"] } == ["nfs", "host_path"])
        #expect(volumes.first?["volume_id"] == "43b37236-9afa-4855-8174-32254b9562e7")
    }

    @Test("an emptied typed column (what ALTER TABLE ADD COLUMN leaves) fails verify until rebuilt from raw JSON")
    func rebuild() throws {
        let t = try Self.seeded()
        try t.archive.close()
        try DamageTool.execute(path: t.path, "UPDATE versions SET worker_server_num = NULL; UPDATE configs SET spec_code = NULL")
        let archive = try Archive.open(at: t.path, mode: .readWrite)
        #expect(!(try archive.verify().ok), "verify sees typed rows that differ from the raw JSON")
        #expect(try archive.rebuildTypedRows() == 3)
        let report = try archive.verify()
        #expect(report.ok, "\(report.failures)")
        let version = try #require(try archive.entities.entity(kind: .versionDetail, key: "10/10"))
        #expect(try archive.entities.typedRows(table: "versions", revisionID: version.id).first?["worker_server_num"] == "1")
    }

    @Test("every typed column's Swift spelling maps back to it (the rule read records and typed rows share)")
    func wireNamesRoundTrip() throws {
        let t = try TestArchive()
        try t.archive.close()
        let tables = [
            "jobs", "versions", "parameters", "data_sources", "volumes", "model_metrics", "system_metrics", "configs",
            "resource_specs", "ai_engines", "algorithms", "visualization_jobs",
        ]
        let columns = try tables.flatMap { try DamageTool.columns(path: t.path, table: $0) }
        #expect(columns.count > 100)
        for column in Set(columns) {
            #expect(WireName.snakeCase(WireName.camelCase(column)) == column, "\(column) → \(WireName.camelCase(column))")
        }
        #expect(WireName.camelCase("dataset_version_id") == "datasetVersionID")
        #expect(WireName.camelCase("user_image_url") == "userImageURL")
    }

    @Test("catalog records decode by property name, and text in an integer column is a damaged value, not a trap")
    func records() throws {
        let t = try Self.seeded()
        let specs = try t.archive.catalog.specs()
        #expect(specs.map(\.specID) == [4])
        #expect(specs.first?.interfaceType == 2 && specs.first?.noResource == false && specs.first?.deleted == false)
        try t.archive.close()
        try DamageTool.execute(path: t.path, "UPDATE resource_specs SET spec_id = 'not a number'")
        let damaged = try Archive.open(at: t.path)
        #expect(throws: ArchiveError.self) { _ = try damaged.catalog.specs() }
        do {
            _ = try damaged.catalog.specs()
        } catch let error as ArchiveError {
            #expect(error.code == .damagedValue, "\(error.code): \(error.message)")
            #expect(error.message.contains("spec_id") || error.message.contains("specID"), "\(error.message)")
        }
    }
}
