/// Decides jobs, versions, statuses, engines, timing and log budgets from the options.
enum ProjectPlanner {
    /// 2021-01-04T00:00:00Z in ms: the earliest synthetic job.
    static let epochMs: Int64 = 1_609_718_400_000
    /// 2023-06-30T04:00:00Z in ms: the snapshot's "now".
    static let snapshotMs: Int64 = 1_688_097_600_000

    /// Statuses given to the latest version of some jobs (still active).
    static let activeStatuses = [8, 7, 9, 8, 1, 15, 2, 4]
    /// Terminal statuses that must appear when there are enough versions.
    static let requiredTerminal = [10, 11, 12, 13, 3, 5, 14, 6, 16, 10, 11, 12]

    /// Builds the plan.
    static func plan(_ options: SampleProjectOptions) -> ProjectPlan {
        var rng = SplitMix64(seed: options.seed, stream: 1)
        let jobCount = max(0, options.jobs)
        let perJob = max(1, options.versionsPerJob)

        // Version counts: 1...2n, bumped so the required statuses fit.
        var counts = (0..<jobCount).map { _ in 1 + rng.below(2 * perJob) }
        let wanted = jobCount + requiredTerminal.count + 1
        var guardCounter = 0
        while counts.reduce(0, +) < wanted && guardCounter < jobCount * 2 * perJob {
            let j = guardCounter % max(1, jobCount)
            if counts[j] < 2 * perJob { counts[j] += 1 }
            guardCounter += 1
        }

        var jobs: [ProjectPlan.Job] = []
        var jobID: Int64 = 567_524
        var versionID: Int64 = 1_108_482
        let span = snapshotMs - epochMs - 20 * 86_400_000
        for index in 0..<jobCount {
            jobID += Int64(rng.int(in: 1...4_000))
            let kind = EngineKind.allCases[index % EngineKind.allCases.count]
            let round = index / EngineKind.allCases.count
            let stems = Catalog.nameStems(for: kind)
            var name = stems[round % stems.count]
            if round > 0 { name += "-" + String(round + 1) }
            let customImage = (index % 8 == 1) || (kind == .tensorflow && index % 16 == 8)
            let slot = span / Int64(max(1, jobCount))
            let createTime = epochMs + Int64(index) * slot + Int64(rng.below(Int(max(1, slot / 2))))
            let desc = Catalog.descriptions[(index + Int(options.seed % 7)) % Catalog.descriptions.count]
            let job = ProjectPlan.Job(
                index: index, jobID: jobID, name: name, desc: desc,
                escapeDescription: index % 5 == 1, kind: kind, customImage: customImage,
                createTime: createTime, extendedKeys: index % 3 != 2, firstPreStyle: index % 3,
                bucket: rng.pick(["ml-team-bucket", "modelarts-cn-north-4", "obs-train-data", "ai-lab-2021"]),
                versions: [])
            jobs.append(job)
        }

        // Status slots.
        struct Slot { var job: Int; var version: Int; var latest: Bool }
        var statuses: [[Int]] = counts.map { Array(repeating: 10, count: $0) }
        var ooms: [[Bool]] = counts.map { Array(repeating: false, count: $0) }
        var activeJobs = Array(0..<jobCount)
        rng.shuffle(&activeJobs)
        let activeCount = jobCount == 0 ? 0 : min(jobCount, max(min(2, jobCount), jobCount / 2))
        var isActiveLatest = Array(repeating: false, count: jobCount)
        for (order, j) in activeJobs.prefix(activeCount).enumerated() {
            statuses[j][counts[j] - 1] = activeStatuses[order % activeStatuses.count]
            isActiveLatest[j] = true
        }
        var slots: [Slot] = []
        for j in 0..<jobCount {
            for v in 0..<counts[j] where !(isActiveLatest[j] && v == counts[j] - 1) {
                slots.append(Slot(job: j, version: v, latest: v == counts[j] - 1))
            }
        }
        rng.shuffle(&slots)
        // The CUDA out-of-memory failure goes to a PyTorch job, preferably an older version.
        if let oomIndex = slots.firstIndex(where: { jobs[$0.job].kind == .pytorch && !$0.latest })
            ?? slots.firstIndex(where: { jobs[$0.job].kind == .pytorch }) {
            let slot = slots.remove(at: oomIndex)
            statuses[slot.job][slot.version] = 11
            ooms[slot.job][slot.version] = true
        }
        for (i, slot) in slots.enumerated() {
            if i < requiredTerminal.count {
                statuses[slot.job][slot.version] = requiredTerminal[i]
            } else {
                let roll = rng.below(100)
                let status: Int
                switch roll {
                case 0..<58: status = 10
                case 58..<72: status = 11
                case 72..<82: status = 12
                case 82..<86: status = 13
                case 86..<89: status = 14
                case 89..<92: status = 3
                case 92..<95: status = 5
                case 95..<97: status = 16
                default: status = 6
                }
                statuses[slot.job][slot.version] = status
            }
        }

        // Versions.
        var firstFullLog = true
        for j in 0..<jobCount {
            var job = jobs[j]
            let engines = Catalog.engines(for: job.kind)
            var engineIndex = rng.below(max(1, engines.count - 1))
            let accelerator = job.kind.accelerator
            let specs = Catalog.specs(for: accelerator)
            let pools = Catalog.pools(for: accelerator)
            var time = job.createTime
            let remaining = snapshotMs - 3 * 86_400_000 - time
            let gapLimit = max(3_600_000, min(10 * 86_400_000, remaining / Int64(max(1, counts[j] * 2))))
            var workers = job.kind.supportsMultiWorker ? rng.pick([1, 1, 2, 4]) : 1
            var spec = specs[rng.below(specs.count)]
            var pool = pools[rng.below(pools.count)]
            for v in 0..<counts[j] {
                versionID += Int64(rng.int(in: 1...900))
                let status = statuses[j][v]
                if v > 0 && rng.chance(25) && engineIndex + 1 < engines.count { engineIndex += 1 }
                if v > 0 && rng.chance(30) { spec = specs[rng.below(specs.count)] }
                if v > 0 && rng.chance(20) { pool = pools[rng.below(pools.count)] }
                if v > 0 && job.kind.supportsMultiWorker && rng.chance(30) { workers = rng.pick([1, 2, 4]) }
                var createTime = v == 0 ? time : time + Int64(rng.int(in: 600_000...Int(gapLimit)))
                if LogShape.isActive(status) {
                    createTime = max(createTime, snapshotMs - Int64(rng.int(in: 7_200_000...172_800_000)))
                }
                var startTime: Int64? = nil
                var duration: Int64 = 0
                if !LogShape.neverStarted(status) {
                    let start = createTime + Int64(rng.int(in: 20_000...600_000))
                    startTime = start
                    switch status {
                    case 8, 9, 15: duration = max(60_000, snapshotMs - start)
                    case 11: duration = Int64(rng.int(in: 30_000...21_600_000))
                    case 12: duration = Int64(rng.int(in: 300_000...86_400_000))
                    case 13: duration = Int64(rng.int(in: 1_000...20_000))
                    case 14: duration = Int64(rng.int(in: 3_600_000...86_400_000))
                    default: duration = Int64(rng.int(in: 600_000...172_800_000))
                    }
                }
                time = createTime + duration
                let weightRoll = rng.below(100)
                let weight: Int
                switch weightRoll {
                case 0..<62: weight = rng.int(in: 1...8)
                case 62..<92: weight = rng.int(in: 10...60)
                default: weight = rng.int(in: 150...400)
                }
                var features: LogRequest.Features = []
                if case .full = LogShape.forStatus(status, outOfMemory: ooms[j][v]) {
                    if firstFullLog {
                        features = [.crlf, .invalidUTF8, .longLine]
                        firstFullLog = false
                    } else {
                        if rng.chance(15) { features.insert(.crlf) }
                        if rng.chance(12) { features.insert(.invalidUTF8) }
                        if rng.chance(12) { features.insert(.longLine) }
                    }
                }
                job.versions.append(ProjectPlan.Version(
                    index: v, versionID: versionID, status: status, outOfMemory: ooms[j][v],
                    engine: engines[engineIndex], spec: spec, pool: pool, workers: workers,
                    createTime: createTime, startTime: startTime, duration: duration,
                    coreAsNumber: (j + v) % 7 == 3, systemMetricsAsString: (j + v) % 3 == 0,
                    dataMode: rng.below(3), withSecrets: (v == 0 && j % 3 == 0) || rng.chance(20),
                    logWeight: weight, features: features, seed: rng.next()))
            }
            jobs[j] = job
        }
        ensureWorkerVariety(&jobs)
        return ProjectPlan(jobs: jobs, snapshotTime: snapshotMs)
    }

    /// Makes sure some logged versions run on 2 and on 4 workers (one log file per worker).
    static func ensureWorkerVariety(_ jobs: inout [ProjectPlan.Job]) {
        for wanted in [4, 2] {
            var found = false
            var candidate: (Int, Int)? = nil
            for (j, job) in jobs.enumerated() where job.kind.supportsMultiWorker {
                for (v, version) in job.versions.enumerated() {
                    guard case .full = LogShape.forStatus(version.status, outOfMemory: version.outOfMemory) else { continue }
                    if version.workers == wanted { found = true }
                    if candidate == nil && version.workers == 1 { candidate = (j, v) }
                }
            }
            if !found, let (j, v) = candidate { jobs[j].versions[v].workers = wanted }
        }
    }
}
