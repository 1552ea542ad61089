import ModelArtsAPI
import Testing

@Suite("Job status table")
struct JobStatusTests {
    @Test("22 entries indexed by code, with constants and short names")
    func table() {
        #expect(JobStatus.all.count == 22)
        #expect(JobStatus.all.map(\.code) == Array(0...21))
        #expect(JobStatus.all.allSatisfy { $0.name == "JOBSTAT_" + $0.shortName.uppercased() })
        #expect(JobStatus(code: 8)?.name == "JOBSTAT_RUNNING")
        #expect(JobStatus(code: 8)?.shortName == "running")
        #expect(JobStatus(code: 8)?.meaning == "Running")
        #expect(JobStatus(code: 3)?.shortName == "image_failed")
        #expect(JobStatus(code: 10)?.shortName == "completed")
        #expect(JobStatus(code: 11)?.shortName == "failed")
        #expect(JobStatus(code: 12)?.shortName == "killed")
        #expect(JobStatus(code: 20)?.name == "JOBSTAT_CHECK_RUNNING_COMPLETED")
        #expect(JobStatus(code: 21)?.name == "JOBSTAT_CHECK_FAILED")
        #expect(JobStatus(code: 22) == nil)
        #expect(JobStatus(code: -1) == nil)
        #expect(JobStatus(code: 10)?.description == "10 JOBSTAT_COMPLETED (Completed)")
    }

    @Test("terminal flags")
    func terminal() {
        let terminal = JobStatus.all.filter(\.isTerminal).map(\.code)
        #expect(terminal == [3, 5, 6, 10, 11, 12, 13, 14, 16, 17, 20, 21])
        let running = JobStatus.all.filter { !$0.isTerminal }.map(\.code)
        #expect(running == [0, 1, 2, 4, 7, 8, 9, 15, 18, 19])
    }

    @Test("lookup by constant, short name or number, case-insensitively")
    func lookups() {
        #expect(JobStatus(name: "JOBSTAT_RUNNING")?.code == 8)
        #expect(JobStatus(name: "jobstat_running")?.code == 8)
        #expect(JobStatus(name: "Running")?.code == 8)
        #expect(JobStatus(name: "image_failed")?.code == 3)
        #expect(JobStatus(name: "IMAGE_FAILED")?.code == 3)
        #expect(JobStatus(name: "10")?.code == 10)
        #expect(JobStatus(name: " 13 ")?.code == 13)
        #expect(JobStatus(name: "22") == nil)
        #expect(JobStatus(name: "bogus") == nil)
        #expect(JobStatus(name: "") == nil)
        #expect(Set(JobStatus.all).count == 22)
    }
}
