/// The static engines, specs, pools and names the generator draws from.
enum Catalog {
    /// An AI engine row of `GET /job/ai-engines`.
    struct Engine: Sendable {
        var type: Int
        var id: Int
        var name: String
        var version: String
        var kind: EngineKind
    }

    /// A resource spec row of `GET /job/resource-specs`.
    struct Spec: Sendable {
        var id: Int
        var code: String
        var core: String
        var cpu: String
        var gpuNum: Int
        var gpuType: String?
        var maxNum: Int
        var storage: String
        var interfaceType: Int
        var noResource: Bool
        var accelerator: Accelerator
    }

    /// The device family of a spec.
    enum Accelerator: Sendable { case cpu, gpu, npu }

    /// A resource pool as version details show it.
    struct Pool: Sendable {
        var id: String
        var name: String
        var type: String
        var accelerator: Accelerator
        var dedicated: Bool { type == "USER_DEFINED" }
    }

    /// Every engine, in the order `GET /job/ai-engines` lists them.
    static let engines: [Engine] = [
        Engine(type: 1, id: 1, name: "TensorFlow", version: "TF-1.4.0-python2.7", kind: .tensorflow),
        Engine(type: 1, id: 3, name: "TensorFlow", version: "TF-1.8.0-python2.7", kind: .tensorflow),
        Engine(type: 1, id: 4, name: "TensorFlow", version: "TF-1.8.0-python3.6", kind: .tensorflow),
        Engine(type: 1, id: 120, name: "TensorFlow", version: "TF-1.13.1-python3.6", kind: .tensorflow),
        Engine(type: 1, id: 121, name: "TensorFlow", version: "TF-2.1.0-python3.6", kind: .tensorflow),
        Engine(type: 2, id: 501, name: "MXNet", version: "MXNet-1.2.1-python2.7", kind: .mxnet),
        Engine(type: 2, id: 502, name: "MXNet", version: "MXNet-1.2.1-python3.6", kind: .mxnet),
        Engine(type: 3, id: 301, name: "Spark_MLlib", version: "Spark-2.3.2-python3.6", kind: .spark),
        Engine(type: 6, id: 122, name: "PyTorch", version: "PyTorch-1.0.0-python3.6", kind: .pytorch),
        Engine(type: 6, id: 124, name: "PyTorch", version: "PyTorch-1.4.0-python3.6", kind: .pytorch),
        Engine(type: 6, id: 125, name: "PyTorch", version: "PyTorch-1.8.0-python3.7", kind: .pytorch),
        Engine(type: 9, id: 100, name: "XGBoost-Sklearn", version: "XGBoost-0.80-Sklearn-0.18.1-python3.6", kind: .xgboost),
        Engine(type: 10, id: 200, name: "Scikit_Learn", version: "Scikit_Learn-0.18.1-python3.6", kind: .sklearn),
        Engine(type: 11, id: 140, name: "MindSpore-GPU", version: "MindSpore-1.1.0-python3.7", kind: .mindsporeGPU),
        Engine(type: 11, id: 141, name: "MindSpore-GPU", version: "MindSpore-1.2.0-python3.7", kind: .mindsporeGPU),
        Engine(type: 13, id: 130, name: "Powered-Engine", version: "TF-1.15-python3.7-aarch64", kind: .ascend),
        Engine(type: 13, id: 131, name: "Ascend-Powered-Engine", version: "Mindspore-1.1.1-python3.7-aarch64", kind: .ascend),
        Engine(type: 13, id: 132, name: "Ascend-Powered-Engine", version: "TF-1.15-python3.7-aarch64", kind: .ascend),
    ]

    /// The engines a job of `kind` may use, oldest first (engine id 130 is listed but not used by jobs).
    static func engines(for kind: EngineKind) -> [Engine] {
        engines.filter { $0.kind == kind && $0.id != 1 && $0.id != 130 }
    }

    /// Every resource spec.
    static let specs: [Spec] = [
        Spec(id: 1, code: "modelarts.vm.gpu.pnt1", core: "8", cpu: "64", gpuNum: 1, gpuType: "Pnt1",
             maxNum: 10, storage: "800GB", interfaceType: 1, noResource: false, accelerator: .gpu),
        Spec(id: 4, code: "modelarts.vm.gpu.v100", core: "8", cpu: "64", gpuNum: 1, gpuType: "nvidia-v100",
             maxNum: 10, storage: "800GB", interfaceType: 1, noResource: false, accelerator: .gpu),
        Spec(id: 5, code: "modelarts.vm.gpu.v100.4", core: "32", cpu: "256", gpuNum: 4, gpuType: "nvidia-v100",
             maxNum: 5, storage: "3200GB", interfaceType: 1, noResource: false, accelerator: .gpu),
        Spec(id: 6, code: "modelarts.vm.gpu.v100.8", core: "64", cpu: "512", gpuNum: 8, gpuType: "nvidia-v100",
             maxNum: 5, storage: "6400GB", interfaceType: 1, noResource: true, accelerator: .gpu),
        Spec(id: 7, code: "modelarts.vm.cpu.2u", core: "2", cpu: "8", gpuNum: 0, gpuType: nil,
             maxNum: 10, storage: "50GB", interfaceType: 1, noResource: false, accelerator: .cpu),
        Spec(id: 27, code: "modelarts.vm.cpu.8u", core: "8", cpu: "32", gpuNum: 0, gpuType: nil,
             maxNum: 10, storage: "100GB", interfaceType: 1, noResource: false, accelerator: .cpu),
        Spec(id: 41, code: "modelarts.kat1.xlarge", core: "24", cpu: "96", gpuNum: 1, gpuType: "Ascend-910",
             maxNum: 16, storage: "750GB", interfaceType: 2, noResource: false, accelerator: .npu),
        Spec(id: 42, code: "modelarts.kat1.8xlarge", core: "192", cpu: "768", gpuNum: 8, gpuType: "Ascend-910",
             maxNum: 16, storage: "3000GB", interfaceType: 2, noResource: false, accelerator: .npu),
        Spec(id: 51, code: "modelarts.p3.large.t4", core: "8", cpu: "32", gpuNum: 1, gpuType: "nvidia-t4",
             maxNum: 10, storage: "400GB", interfaceType: 1, noResource: false, accelerator: .gpu),
    ]

    /// Specs usable with a device family.
    static func specs(for accelerator: Accelerator) -> [Spec] {
        specs.filter { $0.accelerator == accelerator }
    }

    /// Resource pools, public and dedicated.
    static let pools: [Pool] = [
        Pool(id: "pool7d1e384a", name: "hec-train-pub-cpu", type: "SYSTEM_DEFINED", accelerator: .cpu),
        Pool(id: "pool3a9b0e51", name: "hec-train-pub-gpu", type: "SYSTEM_DEFINED", accelerator: .gpu),
        Pool(id: "pool9928813f", name: "pnt1", type: "USER_DEFINED", accelerator: .gpu),
        Pool(id: "poolb7c2d4e6", name: "v100-dedicated-cv", type: "USER_DEFINED", accelerator: .gpu),
        Pool(id: "pool5e6f7a8b", name: "hec-train-pub-ascend", type: "SYSTEM_DEFINED", accelerator: .npu),
        Pool(id: "poolc0ffee42", name: "ascend-910-dedicated", type: "USER_DEFINED", accelerator: .npu),
        Pool(id: "pool1c2d3e4f", name: "cpu-dedicated-etl", type: "USER_DEFINED", accelerator: .cpu),
    ]

    /// Pools for a device family.
    static func pools(for accelerator: Accelerator) -> [Pool] {
        pools.filter { $0.accelerator == accelerator }
    }

    /// Stems of job names, per engine kind.
    static func nameStems(for kind: EngineKind) -> [String] {
        switch kind {
        case .tensorflow: return ["resnet50_imagenet", "mnist-softmax", "inception-v3-flowers", "wide_deep_ctr", "seq2seq-translate"]
        case .pytorch: return ["bert-finetune-cls", "yolov5_coco", "resnet_train", "gpt2-small-zh", "unet-segmentation"]
        case .mindsporeGPU: return ["ms-lenet-mnist", "ms_resnet50_cifar10", "ms-bert-base", "ms-mobilenetv2"]
        case .ascend: return ["ascend-resnet50-910", "ascend_bert_large", "ascend-deeplabv3", "ascend-yolov4"]
        case .xgboost: return ["xgb-churn-predict", "xgboost_credit_risk", "xgb-ctr-baseline"]
        case .spark: return ["spark-als-recommend", "spark_lr_fraud", "spark-kmeans-users"]
        case .sklearn: return ["sklearn-iris-svm", "sklearn_rf_housing", "sklearn-gbdt-sales"]
        case .mxnet: return ["mxnet-resnet18-cifar", "mxnet_ssd_voc", "mxnet-lstm-ptb"]
        }
    }

    /// Job descriptions (some with non-ASCII text).
    static let descriptions: [String] = [
        "baseline run", "图像分类训练作业", "hyper-parameter sweep, see wiki/ML-142", "",
        "nightly retrain from OBS snapshot", "distributed training test (4 nodes)",
        "客户流失预测模型 v2", "reproduce paper results; lr schedule \"cosine\"", "quick smoke test",
    ]
}
