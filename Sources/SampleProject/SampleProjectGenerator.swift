import ModelArtsAPI

/// Generates deterministic, realistic ModelArts v1 projects as raw response bodies plus logs.
public enum SampleProjectGenerator {
    /// Generates the project described by `options`; equal options give byte-identical output.
    public static func generate(_ options: SampleProjectOptions) -> GeneratedProject {
        let plan = ProjectPlanner.plan(options)
        let corpus = RealLogCorpus.load(directory: options.realLogsDirectory)

        var totalWeight = 0
        for job in plan.jobs {
            for version in job.versions {
                if case .full = LogShape.forStatus(version.status, outOfMemory: version.outOfMemory) {
                    totalWeight += version.logWeight * workerWeightSum(version.workers)
                }
            }
        }
        // v2 jobs take their share of the log budget (none asked for: v1 keeps all of it, byte for byte as before).
        let v2Share = options.v2Jobs > 0 ? max(0, options.logBytes) * options.v2Jobs / max(1, options.jobs + options.v2Jobs) : 0
        let budget = LogBudget(totalBytes: max(0, options.logBytes) - v2Share, totalWeight: max(1, totalWeight))

        var jobs: [GeneratedJob] = []
        var rows: [[UInt8]] = []
        if options.includeSeedJob {
            jobs.append(seedJob())
            rows.append(Array(SeedDocument.jobListRow.utf8))
        }
        for job in plan.jobs {
            let generated = generateJob(job, budget: budget, corpus: corpus)
            jobs.append(generated)
            rows.append(jobListRow(job))
        }

        let quotas = max(100, jobs.count * 2)
        var list = JSONWriter(capacity: 256 + rows.reduce(0) { $0 + $1.count + 1 })
        list.beginObject()
        list.field("is_success", true)
        list.field("job_total_count", jobs.count)
        list.field("job_count_limit", quotas - jobs.count)
        list.field("quotas", quotas)
        list.key("jobs")
        list.beginArray()
        for row in rows { list.raw(row) }
        list.endArray()
        list.endObject()

        var configs: [GeneratedConfig] = []
        for type in V1Route.configTypes {
            var entries: [(String, [UInt8])] = ConfigBodies.configs.filter { $0.type == type }
                .map { ($0.name, ConfigBodies.detailBody($0)) }
            if type == "custom" && options.includeSeedJob {
                entries.append((SeedDocument.configName, Array(SeedDocument.configDetailBody.utf8)))
            }
            entries.sort { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
            configs += entries.map { GeneratedConfig(name: $0.0, type: type, detailBody: $0.1) }
        }

        var project = GeneratedProject(
            projectID: options.projectID,
            jobListBody: list.bytes,
            jobs: jobs,
            customConfigListBody: ConfigBodies.listBody(type: "custom", includeSeed: options.includeSeedJob),
            sampleConfigListBody: ConfigBodies.listBody(type: "sample", includeSeed: options.includeSeedJob),
            configs: configs,
            resourceSpecsBody: CatalogBodies.resourceSpecs(),
            aiEnginesBody: CatalogBodies.aiEngines(),
            builtInAlgorithmsBody: CatalogBodies.builtInAlgorithms(),
            visualizationJobsBody: CatalogBodies.visualizationJobs(projectID: options.projectID))
        project.v2Jobs = V2SampleGenerator.generate(count: options.v2Jobs, seed: options.seed, logBytes: v2Share, corpus: corpus)
        return project
    }

    /// How the total log budget is shared.
    struct LogBudget: Sendable {
        var totalBytes: Int
        var totalWeight: Int

        /// Target bytes of one file with the given weight.
        func target(weight: Int) -> Int {
            Int((Int64(totalBytes) * Int64(weight)) / Int64(totalWeight))
        }
    }

    /// Relative log size of worker `index` (the chief logs the most).
    static func workerWeight(_ index: Int) -> Int { index == 0 ? 10 : 7 }

    /// Sum of worker weights for `workers` workers.
    static func workerWeightSum(_ workers: Int) -> Int {
        (0..<max(1, workers)).reduce(0) { $0 + workerWeight($1) }
    }

    /// The job-list row of a synthetic job: the job plus its latest version.
    static func jobListRow(_ job: ProjectPlan.Job) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        let latest = job.versions[job.versions.count - 1]
        w.beginObject()
        w.field("job_id", job.jobID)
        w.field("job_name", job.name)
        w.field("version_id", latest.versionID)
        w.field("status", latest.status)
        w.field("create_time", job.versions[0].createTime)
        w.field("duration", latest.duration)
        VersionWriter.writeJobDesc(job, &w)
        w.field("version_count", job.versions.count)
        w.endObject()
        return w.bytes
    }

    /// Generates one synthetic job: its versions, bodies and logs.
    static func generateJob(_ job: ProjectPlan.Job, budget: LogBudget, corpus: RealLogCorpus) -> GeneratedJob {
        var versions: [GeneratedVersion] = []
        var objects: [[UInt8]] = []
        for (index, version) in job.versions.enumerated() {
            var writer = VersionWriter(job: job, version: version, previous: index > 0 ? job.versions[index - 1] : nil)
            let parameters = writer.parameters()
            var object = JSONWriter(capacity: 4096)
            writer.writeVersionObject(&object, parameters: parameters)
            objects.append(object.bytes)
            let detail = VersionWriter.detailBody(
                versionObject: object.bytes, jobID: job.jobID, jobName: job.name,
                writeDesc: { VersionWriter.writeJobDesc(job, &$0) }, specCode: version.spec.code)
            let logs = generateLogs(job: job, version: version, writer: writer, parameters: parameters,
                                    budget: budget, corpus: corpus)
            var names = JSONWriter(capacity: 128)
            names.beginObject()
            names.field("is_success", true)
            names.key("log_file_list")
            names.beginArray()
            for log in logs { names.string(log.fileName) }
            names.endArray()
            names.endObject()
            versions.append(GeneratedVersion(versionID: version.versionID, detailBody: detail,
                                             logFileNamesBody: names.bytes, logs: logs, status: version.status))
        }
        var body = JSONWriter(capacity: objects.reduce(256) { $0 + $1.count + 1 })
        body.beginObject()
        body.field("is_success", true)
        body.field("job_id", job.jobID)
        body.field("job_name", job.name)
        VersionWriter.writeJobDesc(job, &body)
        body.field("version_count", job.versions.count)
        body.key("versions")
        body.beginArray()
        for object in objects.reversed() { body.raw(object) }
        body.endArray()
        body.endObject()
        return GeneratedJob(jobID: job.jobID, jobName: job.name, versionsBody: body.bytes, versions: versions)
    }

    /// Generates the log files of one version (none, empty, one line, or full logs per worker).
    static func generateLogs(job: ProjectPlan.Job, version: ProjectPlan.Version, writer: VersionWriter,
                             parameters: [Parameter], budget: LogBudget, corpus: RealLogCorpus) -> [GeneratedLog] {
        var rng = SplitMix64(seed: version.seed, stream: 11)
        let names = writer.logFileNames
        let baseMs = version.startTime ?? version.createTime
        func cursorBase() -> UInt64 {
            UInt64(max(0, baseMs)) &* 1_000_000 &+ UInt64(rng.below(1_000_000))
        }
        switch LogShape.forStatus(version.status, outOfMemory: version.outOfMemory) {
        case .none:
            return []
        case .empty:
            return names.map { GeneratedLog(fileName: $0, content: [], cursorBase: cursorBase(), lineCount: 0) }
        case .singleLine:
            return names.map { name in
                var content: [UInt8] = []
                content.put("[ModelArts Service Log]training job canceled by user before the first step, worker ")
                content.put(String(name.split(separator: ".").last ?? "0"))
                content.newline()
                return GeneratedLog(fileName: name, content: content, cursorBase: cursorBase(), lineCount: 1)
            }
        case .full(let ending):
            var logs: [GeneratedLog] = []
            for (worker, name) in names.enumerated() {
                let request = LogRequest(
                    kind: job.kind, customImage: job.customImage, jobName: job.name,
                    versionName: writer.versionName, workers: version.workers, worker: worker, ending: ending,
                    startMs: baseMs, durationMs: max(1_000, version.duration),
                    target: budget.target(weight: version.logWeight * workerWeight(worker)),
                    features: version.features, seed: version.seed ^ (UInt64(worker + 1) &* 0x9E37_79B9_7F4A_7C15),
                    appURL: writer.appURL, bootFile: writer.bootFile, dataURL: writer.dataURL,
                    trainURL: writer.trainURL, gpuType: version.spec.gpuType,
                    devicesPerWorker: version.spec.gpuNum, parameters: parameters, userCommand: writer.userCommand)
                let content = LogComposer.compose(request, corpus: corpus)
                logs.append(GeneratedLog(fileName: name, content: content, cursorBase: cursorBase(),
                                         lineCount: GeneratedLog.countLines(content)))
            }
            return logs
        }
    }
}
