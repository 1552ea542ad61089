/// The seed document's job 10 "testModelArtsJob", kept byte for byte.
extension SampleProjectGenerator {
    /// The seed job: its versions body is the seed example verbatim; version 10's detail is derived from it.
    static func seedJob() -> GeneratedJob {
        let object = Array(SeedDocument.versionObject.utf8)
        let detail = VersionWriter.detailBody(
            versionObject: object, jobID: SeedDocument.jobID, jobName: SeedDocument.jobName,
            writeDesc: { $0.field("job_desc", SeedDocument.jobDesc) }, specCode: SeedDocument.specCode)
        var log: [UInt8] = []
        log.put("[ModelArts Service Log][init] download code_url: s3://usr/app/\n")
        log.put("INFO:tensorflow:Using config: {'_model_dir': '/usr/train/', '_save_checkpoints_steps': None}\n")
        log.put("INFO:tensorflow:loss = 2.3025851, step = 1\n")
        log.put("INFO:tensorflow:global_step/sec: 212.934\n")
        log.put("INFO:tensorflow:loss = 0.34662294, step = 101 (0.470 sec)\n")
        log.put("INFO:tensorflow:Saving checkpoints for 1000 into /usr/train/model.ckpt.\n")
        log.put("INFO:tensorflow:Loss for final step: 0.2156783.\n")
        log.put("Done exporting!\n")
        log.put("[Modelarts Service Log]Training completed.\n")
        let seedLog = GeneratedLog(
            fileName: "log1.log", content: log,
            cursorBase: UInt64(SeedDocument.startTime) * 1_000_000 + 2,
            lineCount: GeneratedLog.countLines(log))
        let version = GeneratedVersion(
            versionID: SeedDocument.versionID, detailBody: detail,
            logFileNamesBody: Array(#"{"is_success":true,"log_file_list":["log1.log"]}"#.utf8),
            logs: [seedLog], status: 10)
        return GeneratedJob(jobID: SeedDocument.jobID, jobName: SeedDocument.jobName,
                            versionsBody: Array(SeedDocument.versionsBody.utf8), versions: [version])
    }
}
