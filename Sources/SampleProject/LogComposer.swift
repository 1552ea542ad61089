/// Builds one realistic training log directly into bytes.
struct LogComposer: Sendable {
    /// The log being built.
    var out: [UInt8] = []
    /// Randomness for this log only.
    var rng: SplitMix64
    /// What to build.
    let request: LogRequest
    /// Real lines to mix in (may be empty).
    let corpus: RealLogCorpus

    /// Wall clock of the next line, in ms since 1970 (UTC).
    var clockMs: Int64
    /// Clock advance per progress unit.
    var msPerUnit: Int64
    /// Cached civil date of `cachedDay`.
    var cachedDay: Int64 = .min
    var cachedYear = 1970, cachedMonth = 1, cachedDayOfMonth = 1

    /// Training progress state.
    var epoch = 1
    var epochs = 10
    var stepInEpoch = 0
    var stepsPerEpoch = 1000
    var logEvery = 20
    var globalStep = 0
    var initialLoss = 2.3
    var lossFloor = 0.2
    var lossDecay = 2000.0
    var learningRate = 0.01
    var style = 0
    /// Whether a line has been started but not terminated (tqdm and Keras `\r` segments).
    var lineOpen = false
    /// Remaining lines to end with CRLF.
    var crlfRemaining = 0
    /// Features not yet emitted.
    var pending: LogRequest.Features
    /// Process ID shown in prefixes.
    var pid = 0
    /// Host name of this worker.
    var host: [UInt8] = []
    /// Worker IP address last octet base.
    var ipBase = 10

    /// Creates a composer for one request.
    init(request: LogRequest, corpus: RealLogCorpus) {
        self.request = request
        self.corpus = corpus
        rng = SplitMix64(seed: request.seed)
        clockMs = request.startMs
        pending = request.features
        msPerUnit = 1
        out.reserveCapacity(request.target + 8192)
        pid = rng.int(in: 30...4000)
        ipBase = rng.int(in: 2...200)
        var name: [UInt8] = []
        name.put("modelarts-job-")
        let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
        var hostBits = rng.next()
        for _ in 0..<8 { name.append(hexDigits[Int(hostBits & 15)]); hostBits >>= 4 }
        name.put("-worker-")
        name.putInt(request.worker)
        host = name
        configureTraining()
        let estimatedUnits = Int64(max(1, request.target / bytesPerUnit))
        msPerUnit = max(1, request.durationMs / estimatedUnits)
    }

    /// Rough size of one progress unit for the chosen framework and style.
    var bytesPerUnit: Int {
        switch request.kind {
        case .tensorflow: return style == 2 ? 70 : 95
        case .pytorch: return style == 0 ? 175 : 95
        case .mindsporeGPU, .ascend: return 36
        case .xgboost: return 70
        case .sklearn: return 40
        case .spark: return 135
        case .mxnet: return 110
        }
    }

    /// Picks the shape of the run: epochs, steps, loss curve and the print style.
    mutating func configureTraining() {
        stepsPerEpoch = rng.pick([100, 200, 390, 500, 625, 1000, 1563, 2502, 5004])
        logEvery = rng.pick([1, 5, 10, 10, 20, 50, 100])
        if stepsPerEpoch / logEvery > 60 { logEvery = max(1, stepsPerEpoch / 60) }
        if stepsPerEpoch / logEvery < 2 { logEvery = max(1, stepsPerEpoch / 4) }
        style = rng.below(3)
        let unitsPerEpoch = max(1, stepsPerEpoch / logEvery)
        let estimatedUnits = max(1, request.target / bytesPerUnit)
        epochs = max(1, estimatedUnits / unitsPerEpoch + 1)
        if epochs > 300 { epochs = (epochs / 100 + 1) * 100 }
        initialLoss = 1.5 + rng.unit() * 5.5
        lossFloor = 0.02 + rng.unit() * 0.4
        lossDecay = Double(max(1, epochs * stepsPerEpoch)) * (0.05 + rng.unit() * 0.2)
        learningRate = rng.pick([0.1, 0.01, 0.001, 0.0003, 0.0001, 0.05])
    }

    /// Composes the whole log.
    static func compose(_ request: LogRequest, corpus: RealLogCorpus) -> [UInt8] {
        var composer = LogComposer(request: request, corpus: corpus)
        composer.run()
        return composer.out
    }

    /// Header, body, ending.
    mutating func run() {
        writeServiceHeader()
        writeFrameworkBanner()
        if request.workers > 1 { writeCollectiveSetup() }
        writeBody()
        writeEnding()
    }

    // MARK: - Body

    /// Bytes kept free for the ending.
    var endingReserve: Int {
        switch request.ending {
        case .failed, .outOfMemory: return 1_400
        case .completed, .modelSubmitFailed: return 300
        case .killed, .running, .lost: return 100
        }
    }

    /// Emits progress until the byte target is reached.
    mutating func writeBody() {
        let stopAt = request.target - endingReserve
        let featureAt = [request.target / 5, request.target / 3, request.target / 2]
        while out.count < stopAt {
            clockMs += msPerUnit + Int64(rng.below(Int(min(msPerUnit, 1_000_000)) + 1))
            if !lineOpen {
                let roll = rng.below(1000)
                if roll < 8 {
                    writeWarning()
                } else if roll < 26 && !corpus.isEmpty {
                    corpus.appendLines(first: rng.below(corpus.lineCount), count: rng.int(in: 1...6), to: &out)
                } else if roll < 31 && request.workers > 1 {
                    writeCollectiveChatter()
                } else if roll < 33 {
                    writeCheckpointLine()
                } else if roll == 33 && !request.features.isEmpty {
                    writeOddity()
                }
                if !pending.isEmpty { writePendingFeatures(featureAt) }
            }
            writeProgressUnit()
            globalStep += logEvery
            stepInEpoch += logEvery
            if stepInEpoch >= stepsPerEpoch {
                writeEpochEnd()
                stepInEpoch = 0
                epoch += 1
                if epoch > epochs { epochs = epoch + epochs / 2 }
            }
        }
        if !pending.isEmpty { writePendingFeatures([0, 0, 0]) }
    }

    /// Emits the required oddities once their byte position is reached.
    mutating func writePendingFeatures(_ positions: [Int]) {
        if pending.contains(.longLine) && out.count >= positions[0] {
            closeOpenLine()
            writeLongLine()
            pending.remove(.longLine)
        }
        if pending.contains(.crlf) && out.count >= positions[1] {
            closeOpenLine()
            crlfRemaining = rng.int(in: 3...8)
            writeCheckpointLine()
            pending.remove(.crlf)
        }
        if pending.contains(.invalidUTF8) && out.count >= positions[2] {
            closeOpenLine()
            writeInvalidUTF8()
            pending.remove(.invalidUTF8)
        }
    }

    /// Emits one of the enabled oddities again (they recur in logs that have them).
    mutating func writeOddity() {
        let features = request.features
        if features.contains(.crlf) && rng.chance(50) {
            crlfRemaining = rng.int(in: 1...4)
        } else if features.contains(.invalidUTF8) && rng.chance(50) {
            writeInvalidUTF8()
        } else if features.contains(.longLine) {
            writeLongLine()
        }
    }

    /// Terminates the current line: CRLF while a CRLF stretch lasts, else LF.
    @inline(__always)
    mutating func endLine() {
        if crlfRemaining > 0 {
            crlfRemaining -= 1
            out.append(0x0D)
        }
        out.append(0x0A)
        lineOpen = false
    }

    /// Ends an open `\r` progress line, if any.
    mutating func closeOpenLine() {
        if lineOpen { endLine() }
    }

    // MARK: - Current values

    /// The current smoothed training loss.
    var currentLoss: Double {
        let progress = Double(globalStep) / lossDecay
        return lossFloor + (initialLoss - lossFloor) / (1.0 + progress)
    }

    /// The current loss with a little noise.
    mutating func noisyLoss() -> Double {
        let base = currentLoss
        return base * (0.93 + rng.unit() * 0.14)
    }

    /// An accuracy consistent with the loss, in [0, 1).
    mutating func accuracy() -> Double {
        let ratio = (currentLoss - lossFloor) / max(0.01, initialLoss - lossFloor)
        let value = 0.97 - 0.87 * ratio + (rng.unit() - 0.5) * 0.02
        return min(0.9999, max(0.0, value))
    }

    /// The learning rate with a step decay.
    var currentLearningRate: Double {
        var lr = learningRate
        var e = epoch
        while e > 30 { lr *= 0.1; e -= 30 }
        return lr
    }

    // MARK: - Clock

    /// Updates the cached civil date for the clock (shown in UTC+8, as ModelArts nodes log).
    @inline(__always)
    mutating func civilNow() -> (ms: Int64, secondOfDay: Int64) {
        let local = clockMs + 8 * 3_600_000
        let day = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
        if day != cachedDay {
            cachedDay = day
            let z = day + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let d = doy - (153 * mp + 2) / 5 + 1
            let m = mp < 10 ? mp + 3 : mp - 9
            cachedYear = Int(yoe + era * 400 + (m <= 2 ? 1 : 0))
            cachedMonth = Int(m)
            cachedDayOfMonth = Int(d)
        }
        let msOfDay = local - day * 86_400_000
        return (msOfDay % 1000, msOfDay / 1000)
    }

    /// Appends `HH:MM:SS`.
    @inline(__always)
    mutating func putClockTime(_ secondOfDay: Int64) {
        out.putPadded(Int(secondOfDay / 3600), width: 2)
        out.append(0x3A)
        out.putPadded(Int(secondOfDay / 60 % 60), width: 2)
        out.append(0x3A)
        out.putPadded(Int(secondOfDay % 60), width: 2)
    }

    /// Appends `YYYY-MM-DD` with the given separator.
    @inline(__always)
    mutating func putDate(separator: UInt8) {
        out.putInt(cachedYear)
        out.append(separator)
        out.putPadded(cachedMonth, width: 2)
        out.append(separator)
        out.putPadded(cachedDayOfMonth, width: 2)
    }

    /// Python logging time: `2021-03-02 10:11:12,345`.
    mutating func putPythonTime() {
        let now = civilNow()
        putDate(separator: 0x2D)
        out.append(0x20)
        putClockTime(now.secondOfDay)
        out.append(0x2C)
        out.putPadded(Int(now.ms), width: 3)
    }

    /// TensorFlow C++ time: `2021-03-02 10:11:12.345678`.
    mutating func putTensorFlowTime() {
        let now = civilNow()
        putDate(separator: 0x2D)
        out.append(0x20)
        putClockTime(now.secondOfDay)
        out.append(0x2E)
        out.putPadded(Int(now.ms), width: 3)
        out.putPadded(rng.below(1000), width: 3)
    }

    /// MindSpore/Ascend time: `2021-03-02-10:11:12.345.678`.
    mutating func putMindSporeTime() {
        let now = civilNow()
        putDate(separator: 0x2D)
        out.append(0x2D)
        putClockTime(now.secondOfDay)
        out.append(0x2E)
        out.putPadded(Int(now.ms), width: 3)
        out.append(0x2E)
        out.putPadded(rng.below(1000), width: 3)
    }

    /// Spark (log4j) time: `21/03/02 10:11:12`.
    mutating func putSparkTime() {
        let now = civilNow()
        out.putPadded(cachedYear % 100, width: 2)
        out.append(0x2F)
        out.putPadded(cachedMonth, width: 2)
        out.append(0x2F)
        out.putPadded(cachedDayOfMonth, width: 2)
        out.append(0x20)
        putClockTime(now.secondOfDay)
    }

    /// Detectron-style short time: `[03/02 10:11:12]`.
    mutating func putShortTime() {
        let now = civilNow()
        out.append(0x5B)
        out.putPadded(cachedMonth, width: 2)
        out.append(0x2F)
        out.putPadded(cachedDayOfMonth, width: 2)
        out.append(0x20)
        putClockTime(now.secondOfDay)
        out.append(0x5D)
    }

    /// Appends `M:SS` for a number of seconds (Keras ETA).
    mutating func putMinutesSeconds(_ seconds: Int) {
        out.putInt(seconds / 60)
        out.append(0x3A)
        out.putPadded(seconds % 60, width: 2)
    }

    /// Appends tqdm's elapsed/remaining time: `MM:SS`, or `H:MM:SS` past an hour.
    mutating func putTqdmTime(_ seconds: Int) {
        if seconds >= 3600 {
            out.putInt(seconds / 3600)
            out.append(0x3A)
        }
        out.putPadded(seconds / 60 % 60, width: 2)
        out.append(0x3A)
        out.putPadded(seconds % 60, width: 2)
    }
}
