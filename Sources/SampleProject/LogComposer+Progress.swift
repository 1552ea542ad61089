/// Per-framework progress lines: one "unit" per logging interval, plus epoch summaries.
extension LogComposer {
    /// Writes one logging interval's worth of progress.
    mutating func writeProgressUnit() {
        switch request.kind {
        case .tensorflow:
            switch style {
            case 0: writeEstimatorStep()
            case 1: writeKerasSegment()
            default: writeStepLine()
            }
        case .pytorch:
            switch style {
            case 0: writeImageNetStep()
            case 1: writeStepLine()
            default: writeTqdmSegment()
            }
        case .mindsporeGPU, .ascend: writeMindSporeStep()
        case .xgboost: writeBoostingRound()
        case .sklearn: writeSklearnIteration()
        case .spark: writeSparkTask()
        case .mxnet: writeMXNetBatch()
        }
    }

    /// Writes the end-of-epoch summary.
    mutating func writeEpochEnd() {
        switch request.kind {
        case .tensorflow:
            if style == 1 {
                finishKerasEpoch()
            } else {
                out.put("INFO:tensorflow:Saving checkpoints for ")
                out.putInt(globalStep)
                out.put(" into /cache/train_url/model.ckpt.")
                endLine()
                out.put("INFO:tensorflow:Saving dict for global step ")
                out.putInt(globalStep)
                out.put(": accuracy = ")
                out.putFixed(accuracy(), decimals: 7)
                out.put(", global_step = ")
                out.putInt(globalStep)
                out.put(", loss = ")
                out.putFixed(noisyLoss(), decimals: 7)
                endLine()
            }
        case .pytorch:
            if style == 2 { finishTqdmEpoch() }
            out.put(" * Acc@1 ")
            let top1 = accuracy()
            out.putFixed(top1 * 100, decimals: 3)
            out.put(" Acc@5 ")
            out.putFixed(min(99.999, (top1 + (1 - top1) * 0.7) * 100), decimals: 3)
            endLine()
        case .mindsporeGPU, .ascend:
            out.put("epoch time: ")
            let stepMs = 8.0 + rng.unit() * 120
            out.putFixed(stepMs * Double(stepsPerEpoch), decimals: 3)
            out.put(" ms, per step time: ")
            out.putFixed(stepMs, decimals: 3)
            out.put(" ms")
            endLine()
        case .xgboost, .sklearn:
            break
        case .spark:
            putSparkTime()
            out.put(" INFO DAGScheduler: Job ")
            out.putInt(epoch)
            out.put(" finished: treeAggregate at RDDLossFunction.scala:61, took ")
            out.putFixed(1 + rng.unit() * 30, decimals: 6)
            out.put(" s")
            endLine()
            putSparkTime()
            out.put(" INFO LBFGS: Val and Grad Norm: ")
            out.putFixed(noisyLoss(), decimals: 5)
            out.put(" (rel: 0.")
            out.putPadded(rng.below(10000), width: 4)
            out.put(") ")
            out.putFixed(rng.unit(), decimals: 5)
            endLine()
        case .mxnet:
            out.put("INFO:root:Epoch[")
            out.putInt(epoch)
            out.put("] Train-accuracy=")
            out.putFixed(accuracy(), decimals: 6)
            endLine()
            out.put("INFO:root:Epoch[")
            out.putInt(epoch)
            out.put("] Time cost=")
            out.putFixed(30 + rng.unit() * 900, decimals: 3)
            endLine()
            out.put("INFO:root:Saved checkpoint to \"/cache/model/")
            out.put(request.jobName)
            out.put("-")
            out.putPadded(epoch, width: 4)
            out.put(".params\"")
            endLine()
            out.put("INFO:root:Epoch[")
            out.putInt(epoch)
            out.put("] Validation-accuracy=")
            out.putFixed(accuracy() * 0.97, decimals: 6)
            endLine()
        }
    }

    // MARK: - TensorFlow

    mutating func writeEstimatorStep() {
        out.put("INFO:tensorflow:loss = ")
        out.putFixed(noisyLoss(), decimals: 7)
        out.put(", step = ")
        out.putInt(globalStep)
        out.put(" (")
        out.putFixed(Double(msPerUnit) / 1000, decimals: 3)
        out.put(" sec)")
        endLine()
        if globalStep % (logEvery * 2) == 0 {
            out.put("INFO:tensorflow:global_step/sec: ")
            out.putFixed(Double(logEvery) * 1000 / Double(max(1, msPerUnit)), decimals: 5)
            endLine()
        }
    }

    mutating func writeKerasSegment() {
        if stepInEpoch == 0 {
            out.put("Epoch ")
            out.putInt(epoch)
            out.append(0x2F)
            out.putInt(epochs)
            endLine()
        }
        out.append(0x0D)
        lineOpen = true
        let done = min(stepsPerEpoch, stepInEpoch + logEvery)
        putKerasCounter(done)
        out.put(" - ETA: ")
        putMinutesSeconds(max(0, (stepsPerEpoch - done) * Int(msPerUnit) / max(1, logEvery) / 1000))
        out.put(" - loss: ")
        out.putFixed(noisyLoss(), decimals: 4)
        out.put(" - accuracy: ")
        out.putFixed(accuracy(), decimals: 4)
    }

    /// `  120/1563 [=>............................]`.
    mutating func putKerasCounter(_ done: Int) {
        var digits = 1
        var total = stepsPerEpoch / 10
        while total > 0 { digits += 1; total /= 10 }
        out.putSpacePadded(done, width: digits)
        out.append(0x2F)
        out.putInt(stepsPerEpoch)
        out.put(" [")
        let filled = done * 30 / max(1, stepsPerEpoch)
        if filled >= 30 {
            out.putRepeated(0x3D, count: 30)
        } else {
            out.putRepeated(0x3D, count: filled)
            out.append(0x3E)
            out.putRepeated(0x2E, count: 29 - filled)
        }
        out.append(0x5D)
    }

    mutating func finishKerasEpoch() {
        out.append(0x0D)
        putKerasCounter(stepsPerEpoch)
        out.put(" - ")
        out.putInt(Int(msPerUnit) * stepsPerEpoch / max(1, logEvery) / 1000)
        out.put("s ")
        out.putInt(Int(msPerUnit) / max(1, logEvery))
        out.put("ms/step - loss: ")
        out.putFixed(noisyLoss(), decimals: 4)
        out.put(" - accuracy: ")
        let acc = accuracy()
        out.putFixed(acc, decimals: 4)
        out.put(" - val_loss: ")
        out.putFixed(noisyLoss() * 1.08, decimals: 4)
        out.put(" - val_accuracy: ")
        out.putFixed(acc * 0.98, decimals: 4)
        endLine()
    }

    // MARK: - PyTorch

    mutating func writeStepLine() {
        if style == 1 {
            putPythonTime()
            out.put(" - INFO - ")
        }
        out.put("step ")
        out.putInt(globalStep)
        out.put(" loss=")
        out.putFixed(noisyLoss(), decimals: 4)
        out.put(" lr=")
        out.putScientific(currentLearningRate, decimals: 1)
        out.put(" grad_norm=")
        out.putFixed(0.2 + rng.unit() * 3, decimals: 3)
        if request.kind == .pytorch {
            out.put(" tokens/s=")
            out.putInt(rng.int(in: 20_000...90_000))
        }
        endLine()
    }

    mutating func writeImageNetStep() {
        out.put("Epoch: [")
        out.putInt(epoch)
        out.put("][")
        var digits = 1
        var total = stepsPerEpoch / 10
        while total > 0 { digits += 1; total /= 10 }
        out.putSpacePadded(stepInEpoch, width: digits)
        out.append(0x2F)
        out.putInt(stepsPerEpoch)
        out.put("]\tTime ")
        let time = Double(msPerUnit) / Double(max(1, logEvery)) / 1000
        out.putFixed(time * (0.9 + rng.unit() * 0.2), decimals: 3)
        out.put(" (")
        out.putFixed(time, decimals: 3)
        out.put(")\tData ")
        out.putFixed(rng.unit() * 0.05, decimals: 3)
        out.put(" (")
        out.putFixed(0.015, decimals: 3)
        out.put(")\tLoss ")
        let loss = noisyLoss()
        out.putScientific(loss, decimals: 4)
        out.put(" (")
        out.putScientific(currentLoss, decimals: 4)
        out.put(")\tAcc@1 ")
        let acc = accuracy() * 100
        out.putFixed(acc, decimals: 2)
        out.put(" (")
        out.putFixed(acc * 0.99, decimals: 2)
        out.put(")\tAcc@5 ")
        let top5 = min(99.99, acc + (100 - acc) * 0.7)
        out.putFixed(top5, decimals: 2)
        out.put(" (")
        out.putFixed(top5 * 0.995, decimals: 2)
        out.append(0x29)
        endLine()
    }

    /// Block characters of a tqdm bar: full block, then 1/8 ... 7/8 blocks.
    static let tqdmBlocks: [[UInt8]] = [
        [0xE2, 0x96, 0x88], [0xE2, 0x96, 0x8F], [0xE2, 0x96, 0x8E], [0xE2, 0x96, 0x8D],
        [0xE2, 0x96, 0x8C], [0xE2, 0x96, 0x8B], [0xE2, 0x96, 0x8A], [0xE2, 0x96, 0x89],
    ]

    mutating func putTqdm(done: Int) {
        out.put("Epoch ")
        out.putInt(epoch)
        out.put(": ")
        let percent = done * 100 / max(1, stepsPerEpoch)
        out.putSpacePadded(percent, width: 3)
        out.put("%|")
        let eighths = done * 80 / max(1, stepsPerEpoch)
        let full = min(10, eighths / 8)
        for _ in 0..<full { out.append(contentsOf: LogComposer.tqdmBlocks[0]) }
        var cells = full
        if full < 10 {
            let partial = eighths % 8
            if partial > 0 {
                out.append(contentsOf: LogComposer.tqdmBlocks[partial])
                cells += 1
            }
        }
        out.putRepeated(0x20, count: 10 - cells)
        out.put("| ")
        out.putInt(done)
        out.append(0x2F)
        out.putInt(stepsPerEpoch)
        out.put(" [")
        let perStepMs = Int(msPerUnit) / max(1, logEvery)
        putTqdmTime(done * perStepMs / 1000)
        out.append(0x3C)
        putTqdmTime((stepsPerEpoch - done) * perStepMs / 1000)
        out.put(", ")
        out.putFixed(1000 / Double(max(1, perStepMs)), decimals: 2)
        out.put("it/s, loss=")
        out.putFixed(noisyLoss(), decimals: 3)
        out.put("]")
    }

    mutating func writeTqdmSegment() {
        out.append(0x0D)
        lineOpen = true
        putTqdm(done: min(stepsPerEpoch, stepInEpoch + logEvery))
    }

    mutating func finishTqdmEpoch() {
        out.append(0x0D)
        putTqdm(done: stepsPerEpoch)
        endLine()
        out.put("Epoch ")
        out.putInt(epoch)
        out.put(": val_loss=")
        out.putFixed(noisyLoss() * 1.1, decimals: 4)
        out.put(" val_acc=")
        out.putFixed(accuracy() * 0.98, decimals: 4)
        endLine()
    }

    // MARK: - MindSpore / Ascend

    mutating func writeMindSporeStep() {
        out.put("epoch: ")
        out.putInt(epoch)
        out.put(" step: ")
        out.putInt(stepInEpoch + logEvery)
        out.put(", loss is ")
        out.putFixed(noisyLoss(), decimals: 4)
        endLine()
        if request.kind == .ascend && rng.chance(2) {
            out.put("[INFO] RUNTIME(")
            out.putInt(pid)
            out.put(",python):")
            putMindSporeTime()
            out.put(" [engine.cc:1201]")
            out.putInt(pid)
            out.put(" ReportStatusFailProc:stream_id=")
            out.putInt(rng.below(64))
            out.put(", task_id=")
            out.putInt(rng.below(65536))
            out.put(", overflow detected, loss scale reduced to ")
            out.putInt(1 << rng.int(in: 10...16))
            endLine()
        }
    }

    // MARK: - Classic ML

    mutating func writeBoostingRound() {
        out.append(0x5B)
        out.putInt(globalStep / max(1, logEvery))
        out.put("]\ttrain-auc:")
        let acc = accuracy()
        out.putFixed(0.5 + acc * 0.5, decimals: 6)
        out.put("\teval-auc:")
        out.putFixed(0.5 + acc * 0.47, decimals: 6)
        out.put("\ttrain-logloss:")
        out.putFixed(noisyLoss() * 0.3, decimals: 6)
        endLine()
    }

    mutating func writeSklearnIteration() {
        if style == 0 {
            out.put("Iteration ")
            out.putInt(globalStep / max(1, logEvery))
            out.put(", loss = ")
            out.putFixed(noisyLoss() * 0.4, decimals: 8)
        } else if style == 1 {
            out.put("building tree ")
            out.putInt(globalStep / max(1, logEvery) % 500 + 1)
            out.put(" of 500")
        } else {
            out.put("[Parallel(n_jobs=8)]: Done ")
            out.putSpacePadded(globalStep / max(1, logEvery), width: 4)
            out.put(" tasks      | elapsed: ")
            out.putSpacePadded(Int((clockMs - request.startMs) / 1000), width: 6)
            out.put(".")
            out.putInt(rng.below(10))
            out.put("s")
        }
        endLine()
    }

    mutating func writeSparkTask() {
        putSparkTime()
        out.put(" INFO TaskSetManager: Finished task ")
        let task = stepInEpoch / max(1, logEvery)
        out.putInt(task)
        out.put(".0 in stage ")
        out.putInt(epoch)
        out.put(".0 (TID ")
        out.putInt(globalStep / max(1, logEvery))
        out.put(") in ")
        out.putInt(rng.int(in: 40...9000))
        out.put(" ms on 192.168.0.")
        out.putInt(ipBase + rng.below(max(1, request.workers)))
        out.put(" (executor ")
        out.putInt(rng.int(in: 1...max(1, request.workers * 2)))
        out.put(") (")
        out.putInt(task + 1)
        out.append(0x2F)
        out.putInt(max(1, stepsPerEpoch / max(1, logEvery)))
        out.append(0x29)
        endLine()
    }

    mutating func writeMXNetBatch() {
        out.put("INFO:root:Epoch[")
        out.putInt(epoch)
        out.put("] Batch [")
        out.putInt(stepInEpoch)
        out.append(0x2D)
        out.putInt(stepInEpoch + logEvery)
        out.put("]\tSpeed: ")
        out.putFixed(200 + rng.unit() * 1800, decimals: 2)
        out.put(" samples/sec\taccuracy=")
        let acc = accuracy()
        out.putFixed(acc, decimals: 6)
        out.put("\ttop_k_accuracy_5=")
        out.putFixed(min(0.999999, acc + (1 - acc) * 0.7), decimals: 6)
        endLine()
    }
}
