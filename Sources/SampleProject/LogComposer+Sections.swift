/// Fixed sections of a log: the ModelArts header, framework banners, collectives, oddities.
extension LogComposer {
    /// The ModelArts service preamble every training container prints.
    mutating func writeServiceHeader() {
        let logName = request.jobName
        out.put("[ModelArts Service Log][init] download code_url: s3:/")
        out.put(request.appURL)
        endLine()
        out.put("[ModelArts Service Log]modelarts-pipe: will create log file /tmp/log/")
        out.put(logName)
        out.put(".log")
        endLine()
        out.put("[ModelArts Service Log]modelarts-pipe: will write log file /tmp/log/")
        out.put(logName)
        out.put(".log")
        endLine()
        out.put("[ModelArts Service Log]modelarts-pipe: param for max log length: 1073741824")
        endLine()
        out.put("[ModelArts Service Log]modelarts-pipe: param for whether exit on overflow: 0")
        endLine()
        out.put("INFO:root:Using MoXing-v1.17.3-43fbf97f")
        endLine()
        out.put("INFO:root:Using OBS-Python-SDK-3.20.7")
        endLine()
        if request.workers > 1 {
            out.put("[ModelArts Service Log]")
            putPythonTime()
            out.put(" - INFO - worker ")
            out.putInt(request.worker)
            out.put(" of ")
            out.putInt(request.workers)
            out.put(", DLS_TASK_INDEX=")
            out.putInt(request.worker)
            out.put(" DLS_TASK_NUMBER=")
            out.putInt(request.workers)
            endLine()
        }
        out.put("user: uid=1101(work) gid=1101(work) groups=1101(work)")
        endLine()
        out.put("pwd: /home/work")
        endLine()
        out.put("app_url: s3:/")
        out.put(request.appURL)
        endLine()
        out.put("boot_file: /home/work/user-job-dir/code/")
        out.put(request.bootFile)
        endLine()
        out.put("log_url: /tmp/log/")
        out.put(logName)
        out.put(".log")
        endLine()
        if let command = request.userCommand {
            out.put("[ModelArts Service Log]user command: ")
            out.put(command)
            endLine()
            out.put("+ export PYTHONUNBUFFERED=1")
            endLine()
            out.put("+ cd /home/work/user-job-dir/code")
            endLine()
            out.put("+ python ")
            out.put(request.bootFile)
            out.put(" --data_url=/home/work/dataset")
            endLine()
        } else {
            out.put("command: /home/work/user-job-dir/code/")
            out.put(request.bootFile)
            out.put(" --data_url=s3:/")
            out.put(request.dataURL)
            out.put(" --train_url=s3:/")
            out.put(request.trainURL)
            // Like the real service, the echoed command line shows every parameter, secrets included.
            for parameter in request.parameters {
                out.put(" --")
                out.put(parameter.label)
                out.append(0x3D)
                out.put(parameter.value)
            }
            endLine()
        }
        out.put("[ModelArts Service Log]")
        putPythonTime()
        out.put(" - INFO - Begin to download data from s3:/")
        out.put(request.dataURL)
        out.put(" to /cache/data")
        endLine()
        out.put("[ModelArts Service Log]")
        clockMs += Int64(rng.int(in: 2_000...90_000))
        putPythonTime()
        out.put(" - INFO - Download data finished, total ")
        out.putInt(rng.int(in: 1_000...1_281_167))
        out.put(" files")
        endLine()
    }

    /// The framework's start-up banner and a config dump.
    mutating func writeFrameworkBanner() {
        if request.kind.accelerator != .cpu { writeDataLoadingBar() }
        switch request.kind {
        case .tensorflow: writeTensorFlowBanner()
        case .pytorch: writePyTorchBanner()
        case .mindsporeGPU, .ascend: writeMindSporeBanner()
        case .xgboost, .sklearn: writeClassicBanner()
        case .spark: writeSparkBanner()
        case .mxnet: writeMXNetBanner()
        }
    }

    /// GPU device name for banners.
    var deviceName: StaticString {
        switch request.gpuType {
        case "nvidia-v100": return "Tesla V100-SXM2-32GB"
        case "nvidia-t4": return "Tesla T4"
        case "Pnt1": return "Tesla P100-PCIE-16GB"
        default: return "Tesla V100-PCIE-16GB"
        }
    }

    mutating func writeTensorFlowBanner() {
        putTensorFlowTime()
        out.put(": I tensorflow/core/platform/cpu_feature_guard.cc:142] Your CPU supports instructions that this TensorFlow binary was not compiled to use: AVX2 AVX512F FMA")
        endLine()
        putTensorFlowTime()
        out.put(": I tensorflow/stream_executor/platform/default/dso_loader.cc:44] Successfully opened dynamic library libcudart.so.10.1")
        endLine()
        for device in 0..<max(1, request.devicesPerWorker) {
            putTensorFlowTime()
            out.put(": I tensorflow/core/common_runtime/gpu/gpu_device.cc:1555] Found device ")
            out.putInt(device)
            out.put(" with properties: ")
            endLine()
            out.put("pciBusID: 0000:00:0")
            out.putInt(13 + device)
            out.put(".0 name: ")
            out.put(deviceName)
            out.put(" computeCapability: 7.0")
            endLine()
            out.put("coreClock: 1.53GHz coreCount: 80 deviceMemorySize: 31.75GiB deviceMemoryBandwidth: 836.37GiB/s")
            endLine()
        }
        putTensorFlowTime()
        out.put(": I tensorflow/core/common_runtime/gpu/gpu_device.cc:1241] Created TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with 30555 MB memory) -> physical GPU (device: 0, name: ")
        out.put(deviceName)
        out.put(", pci bus id: 0000:00:0d.0, compute capability: 7.0)")
        endLine()
        out.put("WARNING:tensorflow:From /home/work/user-job-dir/code/")
        out.put(request.bootFile)
        out.put(":88: The name tf.train.AdamOptimizer is deprecated. Please use tf.compat.v1.train.AdamOptimizer instead.")
        endLine()
        endLine()
        writeParameterDump(prefix: "INFO:tensorflow:")
        if style == 0 {
            out.put("INFO:tensorflow:Calling model_fn.")
            endLine()
            out.put("INFO:tensorflow:Done calling model_fn.")
            endLine()
            out.put("INFO:tensorflow:Create CheckpointSaverHook.")
            endLine()
            out.put("INFO:tensorflow:Graph was finalized.")
            endLine()
            out.put("INFO:tensorflow:Running local_init_op.")
            endLine()
        } else {
            out.put("Model: \"sequential\"")
            endLine()
            out.put("_________________________________________________________________")
            endLine()
            out.put("Layer (type)                 Output Shape              Param #   ")
            endLine()
            out.put("=================================================================")
            endLine()
            out.put("conv2d (Conv2D)              (None, 222, 222, 32)      896       ")
            endLine()
            out.put("max_pooling2d (MaxPooling2D) (None, 111, 111, 32)      0         ")
            endLine()
            out.put("flatten (Flatten)            (None, 394272)            0         ")
            endLine()
            out.put("dense (Dense)                (None, 10)                3942730   ")
            endLine()
            out.put("=================================================================")
            endLine()
            out.put("Total params: 3,943,626")
            endLine()
            out.put("Trainable params: 3,943,626")
            endLine()
            out.put("Non-trainable params: 0")
            endLine()
            out.put("_________________________________________________________________")
            endLine()
        }
    }

    mutating func writePyTorchBanner() {
        out.put("Namespace(")
        if putNamespaceArguments() { out.put(", ") }
        out.put("data_url='/cache/data', train_url='/cache/output', workers=8, print_freq=")
        out.putInt(logEvery)
        out.put(", seed=None, world_size=")
        out.putInt(request.workers)
        out.put(", rank=")
        out.putInt(request.worker)
        out.put(")")
        endLine()
        out.put("Use GPU: 0 for training")
        endLine()
        out.put("=> creating model '")
        out.put(rng.pick(["resnet50", "bert-base-chinese", "yolov5s", "unet", "gpt2"] as [StaticString]))
        out.put("'")
        endLine()
        putShortTime()
        out.put(" train INFO: torch 1.8.0+cu111, cuda 11.1, cudnn 8005, device ")
        out.put(deviceName)
        endLine()
    }

    mutating func writeMindSporeBanner() {
        if request.kind == .ascend {
            out.put("[ModelArts Service Log]")
            putPythonTime()
            out.put(" - INFO - Ascend Driver: Version=20.2.0, rank_table_file=/user/config/jobstart_hccl.json")
            endLine()
            out.put("DEVICE_ID=")
            out.putInt(request.worker % 8)
            out.put(" RANK_ID=")
            out.putInt(request.worker * max(1, request.devicesPerWorker))
            out.put(" RANK_SIZE=")
            out.putInt(request.workers * max(1, request.devicesPerWorker))
            endLine()
        }
        out.put("[WARNING] ME(")
        out.putInt(pid)
        out.put(":281473")
        out.putInt(rng.int(in: 100_000...999_999))
        out.put(",MainProcess):")
        putMindSporeTime()
        out.put(" [mindspore/_check_version.py:207] MindSpore version 1.1.1 and \"te\" wheel package version 1.0 does not match, reference to the match info on: https://www.mindspore.cn/install")
        endLine()
        out.put("{")
        var first = true
        for parameter in request.parameters where !Redaction.looksSecret(parameter.label) {
            if !first { out.put(",") ; endLine(); out.put(" ") }
            first = false
            out.append(0x27)
            out.put(parameter.label)
            out.put("': ")
            if parameter.quoted { out.append(0x27) }
            out.put(parameter.value)
            if parameter.quoted { out.append(0x27) }
        }
        out.put(",")
        endLine()
        if !request.parameters.contains(where: { $0.label == "device_target" }) {
            out.put(" 'device_target': '")
            out.put(request.kind == .ascend ? "Ascend" : "GPU")
            out.put("',")
            endLine()
        }
        out.put(" 'enable_modelarts': True}")
        endLine()
    }

    mutating func writeClassicBanner() {
        out.put("INFO:root:loading training data from /cache/data/train.csv")
        endLine()
        out.put("INFO:root:train shape: (")
        out.putInt(rng.int(in: 10_000...2_000_000))
        out.put(", ")
        out.putInt(rng.int(in: 8...400))
        out.put("), positive ratio: 0.")
        out.putPadded(rng.below(1000), width: 3)
        endLine()
        writeParameterDump(prefix: "INFO:root:")
        if request.kind == .xgboost {
            out.put("[")
            putClockTime(civilNow().secondOfDay)
            out.put("] WARNING: /workspace/src/learner.cc:686: Tree method is automatically selected to be 'approx' for faster speed. To use old behavior (exact greedy algorithm on single machine), set tree_method to 'exact'.")
            endLine()
        }
    }

    mutating func writeSparkBanner() {
        putSparkTime()
        out.put(" INFO SparkContext: Running Spark version 2.3.2")
        endLine()
        putSparkTime()
        out.put(" WARN NativeCodeLoader: Unable to load native-hadoop library for your platform... using builtin-java classes where applicable")
        endLine()
        putSparkTime()
        out.put(" INFO SparkContext: Submitted application: ")
        out.put(request.jobName)
        endLine()
        putSparkTime()
        out.put(" INFO Utils: Successfully started service 'sparkDriver' on port 4")
        out.putInt(rng.int(in: 1000...9999))
        out.put(".")
        endLine()
        putSparkTime()
        out.put(" INFO SparkUI: Bound SparkUI to 0.0.0.0, and started at http://192.168.0.")
        out.putInt(ipBase)
        out.put(":4040")
        endLine()
    }

    mutating func writeMXNetBanner() {
        out.put("INFO:root:start with arguments Namespace(")
        putNamespaceArguments()
        out.put(", kv_store='")
        out.put(request.workers > 1 ? "dist_sync" : "device")
        out.put("')")
        endLine()
        out.put("[")
        putClockTime(civilNow().secondOfDay)
        out.put("] src/operator/nn/./cudnn/./cudnn_algoreg-inl.h:97: Running performance tests to find the best convolution algorithm, this can take a while... (setting env variable MXNET_CUDNN_AUTOTUNE_DEFAULT to 0 to disable)")
        endLine()
    }

    /// `label=value, label='text'` for every non-secret parameter (Python's argparse `Namespace(…)` repr);
    /// whether anything was written.
    @discardableResult
    mutating func putNamespaceArguments() -> Bool {
        var first = true
        for parameter in request.parameters where !Redaction.looksSecret(parameter.label) {
            if !first { out.put(", ") }
            first = false
            out.put(parameter.label)
            out.append(0x3D)
            if parameter.quoted { out.append(0x27) }
            out.put(parameter.value)
            if parameter.quoted { out.append(0x27) }
        }
        return !first
    }

    /// `prefix` + `label: value` for every non-secret parameter.
    mutating func writeParameterDump(prefix: StaticString) {
        for parameter in request.parameters where !Redaction.looksSecret(parameter.label) {
            out.put(prefix)
            out.put(parameter.label)
            out.put(": ")
            out.put(parameter.value)
            endLine()
        }
    }

    // MARK: - Collectives

    /// Appends the NCCL line prefix `host:pid:tid [dev] `.
    mutating func putCollectivePrefix() {
        out.append(contentsOf: host)
        out.append(0x3A)
        out.putInt(pid)
        out.append(0x3A)
        out.putInt(pid)
        out.put(" [")
        out.putInt(rng.below(max(1, request.devicesPerWorker)))
        out.put("] ")
    }

    /// NCCL (GPU) or HCCL (Ascend) initialisation of a multi-worker job.
    mutating func writeCollectiveSetup() {
        if request.kind == .ascend {
            for step in 0..<4 {
                out.put("[INFO] HCCL(")
                out.putInt(pid)
                out.put(",python):")
                putMindSporeTime()
                switch step {
                case 0: out.put(" [hccl_comm.cc:99][hccl-")
                case 1: out.put(" [topoinfo_ranktableParser.cc:126][hccl-")
                case 2: out.put(" [network_manager.cc:65][hccl-")
                default: out.put(" [hccl_comm.cc:227][hccl-")
                }
                out.putInt(pid)
                out.put("-0-1609")
                out.putInt(rng.below(1_000_000))
                switch step {
                case 0: out.put("] hcom init start, rank_size[")
                case 1: out.put("] parse ranktable, server_count[")
                case 2: out.put("] nic ip 192.168.0.")
                default: out.put("] hcom init success, rank_size[")
                }
                out.putInt(step == 2 ? ipBase + request.worker : request.workers * max(1, request.devicesPerWorker))
                out.put(step == 2 ? " ready" : "]")
                endLine()
            }
            return
        }
        guard request.kind.accelerator == .gpu else { return }
        putCollectivePrefix()
        out.put("NCCL INFO Bootstrap : Using [0]eth0:192.168.0.")
        out.putInt(ipBase + request.worker)
        out.put("<0>")
        endLine()
        putCollectivePrefix()
        out.put("NCCL INFO NET/Plugin : No plugin found (libnccl-net.so), using internal implementation")
        endLine()
        putCollectivePrefix()
        out.put("NCCL INFO NET/Socket : Using [0]eth0:192.168.0.")
        out.putInt(ipBase + request.worker)
        out.put("<0>")
        endLine()
        putCollectivePrefix()
        out.put("NCCL INFO Using network Socket")
        endLine()
        if request.worker == 0 {
            out.put("NCCL version 2.7.8+cuda11.0")
            endLine()
        }
        let ranks = request.workers * max(1, request.devicesPerWorker)
        for channel in 0..<2 {
            putCollectivePrefix()
            out.put("NCCL INFO Channel 0")
            out.putInt(channel)
            out.put("/02 :")
            for rank in 0..<ranks {
                out.putSpacePadded(rank, width: 5)
            }
            endLine()
        }
        putCollectivePrefix()
        out.put("NCCL INFO Ring 00 : ")
        out.putInt(request.worker)
        out.put("[0] -> ")
        out.putInt((request.worker + 1) % request.workers)
        out.put("[0] [send] via NET/Socket/0")
        endLine()
        putCollectivePrefix()
        out.put("NCCL INFO comm 0x7f")
        out.putUInt(rng.next() % 1_000_000_000)
        out.put(" rank ")
        out.putInt(request.worker)
        out.put(" nranks ")
        out.putInt(ranks)
        out.put(" cudaDev 0 busId d0 - Init COMPLETE")
        endLine()
    }

    /// Occasional collective-communication lines during training.
    mutating func writeCollectiveChatter() {
        if request.kind == .ascend {
            out.put("[WARNING] HCCL(")
            out.putInt(pid)
            out.put(",python):")
            putMindSporeTime()
            out.put(" [transport_heterog.cc:312] wait for link establishment timeout 1s, retry ")
            out.putInt(rng.int(in: 1...3))
            endLine()
            return
        }
        guard request.kind.accelerator == .gpu else { return }
        putCollectivePrefix()
        if rng.chance(30) {
            out.put("NCCL WARN Call to recv failed : Connection reset by peer 192.168.0.")
            out.putInt(ipBase + (request.worker + 1) % request.workers)
        } else {
            out.put("NCCL INFO Launch mode Parallel, ")
            out.putInt(rng.int(in: 1...4))
            out.put(" coll channels, ")
            out.putInt(rng.int(in: 1...4))
            out.put(" p2p channels")
        }
        endLine()
    }

    // MARK: - Miscellany

    /// A warning fitting the framework.
    mutating func writeWarning() {
        switch request.kind {
        case .tensorflow:
            putTensorFlowTime()
            out.put(": W tensorflow/core/framework/cpu_allocator_impl.cc:81] Allocation of ")
            out.putInt(rng.int(in: 100...900) * 1_048_576)
            out.put(" exceeds 10% of free system memory.")
            endLine()
        case .pytorch:
            out.put("/usr/local/lib/python3.7/site-packages/torch/optim/lr_scheduler.py:134: UserWarning: Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate")
            endLine()
            out.put("  \"https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate\", UserWarning)")
            endLine()
        case .mindsporeGPU, .ascend:
            out.put("[WARNING] ")
            out.put(request.kind == .ascend ? "GE" : "ME")
            out.append(0x28)
            out.putInt(pid)
            out.put(",python):")
            putMindSporeTime()
            out.put(" [mindspore/train/callback/_checkpoint.py:411] The checkpoint file will be overwritten: /cache/output/ckpt_0/checkpoint-")
            out.putInt(epoch)
            out.put(".ckpt")
            endLine()
        case .xgboost, .sklearn:
            out.put("/usr/local/lib/python3.6/site-packages/sklearn/utils/validation.py:595: DataConversionWarning: Data with input dtype int64 was converted to float64 by StandardScaler.")
            endLine()
            out.put("  warnings.warn(msg, DataConversionWarning)")
            endLine()
        case .spark:
            putSparkTime()
            out.put(" WARN BlockManager: Block rdd_")
            out.putInt(rng.int(in: 10...99))
            out.put("_")
            out.putInt(rng.below(200))
            out.put(" could not be removed as it was not found on disk or in memory")
            endLine()
        case .mxnet:
            out.put("[")
            putClockTime(civilNow().secondOfDay)
            out.put("] src/kvstore/./kvstore_dist.h:288: Warning: non-default weights detected during kvstore pull. This call has been ignored. Please make sure to use row_sparse_pull with row_ids.")
            endLine()
        }
        if rng.chance(30) {
            out.put("WARNING:root:OBS read timeout, retrying (")
            out.putInt(rng.int(in: 1...3))
            out.put("/3): s3:/")
            out.put(request.dataURL)
            endLine()
        }
    }

    /// A checkpoint-saving line.
    mutating func writeCheckpointLine() {
        out.put("INFO:root:Saving checkpoint to /cache/output/")
        out.put(request.versionName)
        out.put("/epoch_")
        out.putInt(epoch)
        out.put("_step_")
        out.putInt(globalStep)
        out.put(".ckpt, then copying to s3:/")
        out.put(request.trainURL)
        endLine()
    }

    /// One very long line (a few KB): a per-class weight vector or tensor dump.
    mutating func writeLongLine() {
        let count = rng.int(in: 450...1100)
        if rng.chance(50) {
            out.put("INFO:root:class_weights = [")
        } else {
            out.put("tensor([")
        }
        for index in 0..<count {
            if index > 0 { out.put(", ") }
            if rng.chance(30) { out.append(0x2D) }
            out.putFixed(rng.unit(), decimals: 4)
        }
        out.put("])")
        endLine()
    }

    /// A line holding invalid UTF-8: a raw 0xFF 0xFE pair, a truncated multibyte sequence, or a stray continuation byte.
    mutating func writeInvalidUTF8() {
        switch rng.below(3) {
        case 0:
            out.put("WARNING:root:skipping corrupt sample /cache/data/train/")
            out.append(0xFF)
            out.append(0xFE)
            out.put("img_")
            out.putPadded(rng.below(100_000), width: 5)
            out.put(".jpg: cannot identify image file")
        case 1:
            out.put("label map entry ")
            out.putInt(rng.below(1000))
            out.put(": \u{732B}\u{54AA}")
            out.append(0xE7)
            out.append(0x8C)
        default:
            out.put("INFO:root:tokenizer produced byte-level piece ")
            out.append(0x80)
            out.append(0xC3)
            out.put(" at offset ")
            out.putInt(rng.below(1_000_000))
        }
        endLine()
    }

    /// A tqdm bar of dataset preprocessing: `\r`-separated segments on one line, ending at 100%.
    mutating func writeDataLoadingBar() {
        let total = rng.pick([1_000, 5_000, 12_500, 50_000])
        let segments = rng.int(in: 4...12)
        let rate = 200 + rng.unit() * 4_000
        for segment in 0...segments {
            let done = total * segment / segments
            if segment > 0 { out.append(0x0D) }
            out.put("Preprocessing: ")
            out.putSpacePadded(done * 100 / total, width: 3)
            out.put("%|")
            let eighths = done * 80 / total
            let full = min(10, eighths / 8)
            for _ in 0..<full { out.append(contentsOf: LogComposer.tqdmBlocks[0]) }
            var cells = full
            if full < 10 && eighths % 8 > 0 {
                out.append(contentsOf: LogComposer.tqdmBlocks[eighths % 8])
                cells += 1
            }
            out.putRepeated(0x20, count: 10 - cells)
            out.put("| ")
            out.putInt(done)
            out.append(0x2F)
            out.putInt(total)
            out.put(" [")
            putTqdmTime(Int(Double(done) / rate))
            if segment == 0 {
                out.put("<?, ?it/s]")
            } else {
                out.append(0x3C)
                putTqdmTime(Int(Double(total - done) / rate))
                out.put(", ")
                out.putFixed(rate * (0.9 + rng.unit() * 0.2), decimals: 2)
                out.put("it/s]")
            }
        }
        endLine()
        clockMs += Int64(Double(total) / rate * 1000)
    }
}
