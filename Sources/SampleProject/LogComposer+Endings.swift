/// How logs end: completion banners, tracebacks, abrupt cuts.
extension LogComposer {
    /// Writes the ending that matches the version's outcome.
    mutating func writeEnding() {
        switch request.ending {
        case .completed, .modelSubmitFailed:
            closeOpenLine()
            writeCompletion()
            if request.ending == .modelSubmitFailed {
                out.put("[ModelArts Service Log]submit model failed: the model file /cache/output/model/config.json was not found in s3:/")
                out.put(request.trainURL)
                endLine()
            }
        case .failed:
            closeOpenLine()
            writeTraceback()
        case .outOfMemory:
            closeOpenLine()
            writeOutOfMemory()
        case .killed:
            closeOpenLine()
            out.put("[ModelArts Service Log]received signal SIGTERM, the training job is being stopped")
            endLine()
        case .running:
            if !lineOpen { chopFinalNewline(extraBytes: 0) }
        case .lost:
            if lineOpen {
                chopFinalNewline(extraBytes: 3)
            } else {
                chopFinalNewline(extraBytes: rng.int(in: 1...12))
            }
        }
    }

    /// Removes the trailing line break (and up to `extraBytes` ASCII bytes), leaving an unterminated last line.
    mutating func chopFinalNewline(extraBytes: Int) {
        if out.last == 0x0A { out.removeLast() }
        if out.last == 0x0D { out.removeLast() }
        var removed = 0
        while removed < extraBytes, let last = out.last, last >= 0x20, last < 0x80, out.count > 1 {
            out.removeLast()
            removed += 1
        }
        while let last = out.last, last == 0x0A || last == 0x0D { out.removeLast() }
    }

    /// Final lines of a successful run.
    mutating func writeCompletion() {
        switch request.kind {
        case .tensorflow:
            out.put("INFO:tensorflow:Loss for final step: ")
            out.putFixed(noisyLoss(), decimals: 7)
            out.append(0x2E)
            endLine()
            out.put("Done exporting!")
            endLine()
        case .pytorch:
            out.put("=> best Acc@1: ")
            out.putFixed(accuracy() * 100, decimals: 3)
            endLine()
            out.put("Saving final model to /cache/output/model_best.pth")
            endLine()
        case .mindsporeGPU, .ascend:
            out.put("============== Accuracy:{'acc': ")
            out.putFixed(accuracy(), decimals: 16)
            out.put("} ==============")
            endLine()
        case .xgboost:
            out.put("Stopping. Best iteration:")
            endLine()
            out.put("[")
            out.putInt(max(0, globalStep / max(1, logEvery) - 20))
            out.put("]\ttrain-auc:")
            out.putFixed(0.5 + accuracy() * 0.5, decimals: 6)
            out.put("\teval-auc:")
            out.putFixed(0.5 + accuracy() * 0.47, decimals: 6)
            endLine()
        case .sklearn:
            out.put("INFO:root:test accuracy: ")
            out.putFixed(accuracy(), decimals: 4)
            endLine()
        case .spark:
            putSparkTime()
            out.put(" INFO SparkContext: Successfully stopped SparkContext")
            endLine()
        case .mxnet:
            out.put("INFO:root:Training finished, best Validation-accuracy=")
            out.putFixed(accuracy(), decimals: 6)
            endLine()
        }
        out.put("[Modelarts Service Log]Training completed.")
        endLine()
        out.put("[ModelArts Service Log]modelarts-pipe: total length: ")
        out.putInt(out.count)
        endLine()
    }

    /// `  File "...", line N, in fn` plus its source line.
    mutating func putFrame(_ file: String, _ line: Int, _ function: String, _ source: String) {
        out.put("  File \"")
        out.put(file)
        out.put("\", line ")
        out.putInt(line)
        out.put(", in ")
        out.put(function)
        endLine()
        out.put("    ")
        out.put(source)
        endLine()
    }

    /// A Python traceback fitting the framework; the log ends with its last line.
    mutating func writeTraceback() {
        let boot = "/home/work/user-job-dir/code/" + request.bootFile
        out.put("Traceback (most recent call last):")
        endLine()
        putFrame(boot, rng.int(in: 180...420), "<module>", "main()")
        switch request.kind {
        case .pytorch where request.workers > 1:
            putFrame(boot, rng.int(in: 100...170), "main", "loss.backward()")
            putFrame("/usr/local/lib/python3.7/site-packages/torch/tensor.py", 245, "backward",
                     "torch.autograd.backward(self, gradient, retain_graph, create_graph, inputs=inputs)")
            putFrame("/usr/local/lib/python3.7/site-packages/torch/autograd/__init__.py", 147, "backward",
                     "allow_unreachable=True, accumulate_grad=True)  # allow_unreachable flag")
            out.put("RuntimeError: NCCL error in: /pytorch/torch/lib/c10d/ProcessGroupNCCL.cpp:784, unhandled system error, NCCL version 2.7.8")
        case .pytorch:
            putFrame(boot, rng.int(in: 100...170), "main", "train_set = build_dataset(args.data_url, split=\"train\")")
            putFrame("/home/work/user-job-dir/code/data.py", 41, "build_dataset",
                     "with open(os.path.join(root, \"labels.txt\")) as f:")
            out.put("FileNotFoundError: [Errno 2] No such file or directory: '/cache/data/labels.txt'")
        case .tensorflow:
            putFrame(boot, rng.int(in: 100...170), "main", "model.fit(train_ds, epochs=args.epochs, validation_data=val_ds)")
            putFrame("/usr/local/lib/python3.6/site-packages/tensorflow_core/python/keras/engine/training.py", 728, "fit",
                     "use_multiprocessing=use_multiprocessing)")
            out.put("ValueError: Shapes (None, 10) and (None, 1000) are incompatible")
        case .mindsporeGPU, .ascend:
            putFrame(boot, rng.int(in: 100...170), "main", "model.train(config.epoch_size, dataset, callbacks=cb, dataset_sink_mode=True)")
            putFrame("/usr/local/ma/python3.7/lib/python3.7/site-packages/mindspore/train/model.py", 592, "train",
                     "sink_size=sink_size)")
            out.put("RuntimeError: mindspore/ccsrc/runtime/device/ascend/ascend_kernel_runtime.cc:722 SyncStream] Call runtime rtStreamSynchronize error.")
        case .xgboost:
            putFrame(boot, rng.int(in: 60...120), "main", "booster = xgb.train(params, dtrain, num_boost_round=500, evals=watchlist)")
            putFrame("/usr/local/lib/python3.6/site-packages/xgboost/core.py", 176, "_check_call",
                     "raise XGBoostError(py_str(_LIB.XGBGetLastError()))")
            out.put("xgboost.core.XGBoostError: [10:11:12] src/objective/regression_obj.cc:101: label must be in [0,1] for logistic regression")
        case .sklearn:
            putFrame(boot, rng.int(in: 60...120), "main", "clf.fit(X_train, y_train)")
            putFrame("/usr/local/lib/python3.6/site-packages/sklearn/utils/validation.py", 56, "_assert_all_finite",
                     "raise ValueError(msg_err.format(type_err, X.dtype))")
            out.put("ValueError: Input contains NaN, infinity or a value too large for dtype('float64').")
        case .spark:
            putFrame(boot, rng.int(in: 60...120), "main", "model = als.fit(ratings)")
            putFrame("/usr/local/spark/python/lib/py4j-0.10.7-src.zip/py4j/protocol.py", 328, "get_return_value",
                     "format(target_id, \".\", name), value)")
            out.put("py4j.protocol.Py4JJavaError: An error occurred while calling o87.fit.")
            endLine()
            out.put(": org.apache.spark.SparkException: Job aborted due to stage failure: Task 3 in stage 12.0 failed 4 times, most recent failure: Lost task 3.3 in stage 12.0 (TID 611, 192.168.0.")
            out.putInt(ipBase)
            out.put(", executor 2): java.lang.OutOfMemoryError: Java heap space")
        case .mxnet:
            putFrame(boot, rng.int(in: 60...120), "main", "mod.fit(train, eval_data=val, num_epoch=args.num_epochs)")
            putFrame("/usr/local/lib/python3.6/site-packages/mxnet/base.py", 252, "check_call",
                     "raise MXNetError(py_str(_LIB.MXGetLastError()))")
            out.put("mxnet.base.MXNetError: [10:11:12] src/io/iter_image_recordio_2.cc:172: Check failed: fi.Read(&header) Invalid RecordIO File")
        }
        endLine()
    }

    /// The PyTorch CUDA out-of-memory traceback; the log ends with the error line.
    mutating func writeOutOfMemory() {
        let boot = "/home/work/user-job-dir/code/" + request.bootFile
        out.put("Traceback (most recent call last):")
        endLine()
        putFrame(boot, rng.int(in: 250...420), "<module>", "main()")
        putFrame(boot, rng.int(in: 150...240), "main", "output = model(images)")
        putFrame("/usr/local/lib/python3.7/site-packages/torch/nn/modules/module.py", 889, "_call_impl",
                 "result = self.forward(*input, **kwargs)")
        putFrame("/usr/local/lib/python3.7/site-packages/torch/nn/modules/conv.py", 399, "forward",
                 "return self._conv_forward(input, self.weight, self.bias)")
        putFrame("/usr/local/lib/python3.7/site-packages/torch/nn/modules/conv.py", 396, "_conv_forward",
                 "self.padding, self.dilation, self.groups)")
        out.put("torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate ")
        out.putFixed(Double(rng.int(in: 2...64)) * 0.25, decimals: 2)
        out.put(" GiB (GPU 0; 31.75 GiB total capacity; ")
        out.putFixed(27 + rng.unit() * 3, decimals: 2)
        out.put(" GiB already allocated; ")
        out.putFixed(0.2 + rng.unit(), decimals: 2)
        out.put(" GiB free; 29.40 GiB reserved in total by PyTorch) If reserved memory is >> allocated memory try setting max_split_size_mb to avoid fragmentation.  See documentation for Memory Management and PYTORCH_CUDA_ALLOC_CONF")
        endLine()
    }
}
