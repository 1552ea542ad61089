/// The engine families a job can belong to.
enum EngineKind: Int, Sendable, CaseIterable {
    case tensorflow, pytorch, mindsporeGPU, ascend, xgboost, spark, sklearn, mxnet

    /// The device family used by this engine.
    var accelerator: Catalog.Accelerator {
        switch self {
        case .tensorflow, .pytorch, .mindsporeGPU, .mxnet: return .gpu
        case .ascend: return .npu
        case .xgboost, .spark, .sklearn: return .cpu
        }
    }

    /// Whether multi-worker runs are plausible.
    var supportsMultiWorker: Bool {
        switch self {
        case .tensorflow, .pytorch, .mindsporeGPU, .mxnet, .ascend, .spark: return true
        case .xgboost, .sklearn: return false
        }
    }
}
