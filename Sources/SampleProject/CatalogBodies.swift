/// Bodies of the project-wide endpoints: specs, engines, built-in algorithms, visualization jobs, configs.
enum CatalogBodies {
    /// `GET /v1/{p}/job/resource-specs`.
    static func resourceSpecs() -> [UInt8] {
        JSONWriter.successList(capacity: 2048, key: "specs", header: { w in
            w.field("spec_total_count", Catalog.specs.count)
        }) { w in
            for spec in Catalog.specs {
                w.beginObject()
                w.field("spec_id", spec.id)
                w.field("core", spec.core)
                w.field("cpu", spec.cpu)
                w.field("gpu_num", spec.gpuNum)
                w.field("gpu_type", spec.gpuType ?? "")
                w.field("spec_code", spec.code)
                w.field("max_num", spec.maxNum)
                w.field("unit_num", 1)
                w.field("storage", spec.storage)
                w.field("interface_type", spec.interfaceType)
                w.field("no_resource", spec.noResource)
                w.endObject()
            }
        }
    }

    /// `GET /v1/{p}/job/ai-engines`.
    static func aiEngines() -> [UInt8] {
        JSONWriter.successList(capacity: 2048, key: "engines") { w in
            for engine in Catalog.engines {
                w.beginObject()
                w.field("engine_type", engine.type)
                w.field("engine_id", engine.id)
                w.field("engine_name", engine.name)
                w.field("engine_version", engine.version)
                w.endObject()
            }
        }
    }

    /// A built-in algorithm ("model").
    struct Algorithm: Sendable {
        var id: Int
        var name: String
        var usage: Int
        var precision: String
        var size: Int
        var dataset: String
        var format: String
        var engineID: Int
        var created: Int64
        var parameters: [(label: String, value: String, type: String, min: String?, max: String?)]
    }

    /// The built-in algorithms.
    static let algorithms: [Algorithm] = [
        Algorithm(id: 1, name: "ResNet_v1_50", usage: 1, precision: "75.2%(top1), 92.2%(top5)", size: 102_365_184,
                  dataset: "ImageNet, 1000 classes", format: "shape: [H>=32, W>=32, C>=1]; type: int8",
                  engineID: 4, created: 1_551_339_237_000,
                  parameters: [("split_spec", "train:0.8,eval:0.2", "String", nil, nil),
                               ("batch_size", "64", "Integer", "1", "1024"), ("lr", "0.001", "Float", "0", "1")]),
        Algorithm(id: 2, name: "Inception_v3", usage: 1, precision: "78.0%(top1), 93.9%(top5)", size: 95_569_408,
                  dataset: "ImageNet, 1000 classes", format: "shape: [H>=75, W>=75, C>=1]; type: int8",
                  engineID: 4, created: 1_551_339_240_000,
                  parameters: [("batch_size", "32", "Integer", "1", "512"), ("max_epoches", "100", "Integer", "1", "1000")]),
        Algorithm(id: 3, name: "Faster_RCNN_ResNet_v1_50", usage: 2, precision: "73.6%(mAP)", size: 184_946_688,
                  dataset: "PASCAL VOC2007, 20 classes", format: "shape: [H, W, 3]; type: uint8",
                  engineID: 4, created: 1_551_339_241_000,
                  parameters: [("num_classes", "21", "Integer", "2", "1000"), ("lr", "0.0003", "Float", "0", "1")]),
        Algorithm(id: 4, name: "ResNet_v1_18_MXNet", usage: 1, precision: "70.9%(top1), 89.8%(top5)", size: 46_827_520,
                  dataset: "ImageNet, 1000 classes", format: "RecordIO", engineID: 501, created: 1_551_339_243_000,
                  parameters: [("num_epoch", "30", "Integer", "1", "300"), ("lr", "0.1", "Float", "0", "1"),
                               ("kv_store", "device", "String", nil, nil)]),
        Algorithm(id: 5, name: "SSD_VGG16_MXNet", usage: 2, precision: "77.8%(mAP)", size: 110_485_504,
                  dataset: "PASCAL VOC2007, 20 classes", format: "RecordIO", engineID: 501, created: 1_551_339_245_000,
                  parameters: [("num_epoch", "240", "Integer", "1", "1000"), ("data_shape", "300", "Integer", "128", "1024")]),
        Algorithm(id: 6, name: "XGBoost_Classification", usage: 5, precision: "0.93(AUC)", size: 1_048_576,
                  dataset: "Iris", format: "CSV", engineID: 100, created: 1_551_339_247_000,
                  parameters: [("max_depth", "6", "Integer", "1", "20"), ("eta", "0.3", "Float", "0", "1"),
                               ("objective", "multi:softmax", "String", nil, nil)]),
    ]

    /// `GET /v1/{p}/built-in-algorithms`: all models in one page.
    static func builtInAlgorithms() -> [UInt8] {
        JSONWriter.successList(capacity: 4096, key: "models", header: { w in
            w.field("model_total_count", algorithms.count)
        }) { w in
            for model in algorithms {
                let engine = Catalog.engines.first { $0.id == model.engineID } ?? Catalog.engines[0]
                w.beginObject()
                w.field("model_id", model.id)
                w.field("model_name", model.name)
                w.field("model_usage", model.usage)
                w.field("model_precision", model.precision)
                w.field("model_size", model.size)
                w.field("model_train_dataset", model.dataset)
                w.field("model_dataset_format", model.format)
                w.field("model_description_url", "https://github.com/huaweicloud/ModelArts-Lab/tree/master/docs/" + model.name)
                var parameter = JSONWriter()
                parameter.beginArray()
                for p in model.parameters {
                    parameter.beginObject()
                    parameter.field("label", p.label)
                    parameter.field("value", p.value)
                    parameter.field("required", p.min != nil)
                    parameter.field("placeholder_type", p.type)
                    parameter.field("placeholder_min", p.min)
                    parameter.field("placeholder_max", p.max)
                    parameter.field("placeholder_desc", "")
                    parameter.endObject()
                }
                parameter.endArray()
                w.key("parameter")
                w.string(bytes: parameter.bytes)
                w.field("create_time", model.created)
                w.field("engine_id", engine.id)
                w.field("engine_name", engine.name)
                w.field("engine_version", engine.version)
                w.endObject()
            }
        }
    }

    /// `GET /v1/{p}/visualization-jobs`: one TensorBoard and one MindInsight job.
    static func visualizationJobs(projectID: String) -> [UInt8] {
        JSONWriter.successList(capacity: 1024, key: "jobs", header: { w in
            w.field("job_total_count", 2)
            w.field("job_count_limit", 8)
            w.field("quotas", 10)
        }) { w in
            let rows: [(String, Int, Int64, Int64, String, String, Int64, String)] = [
                ("tb-resnet50-imagenet", 7, 1_640_995_200_000, 0, "TensorBoard for resnet50 V0003",
                 "/ml-team-bucket/resnet50_imagenet/output/V0003/", 21_731, "jobf3a1c2d4"),
                ("mi-ms-lenet", 10, 1_655_280_000_000, 7_200_000, "MindInsight, stopped after 2 hours",
                 "/ai-lab-2021/ms-lenet-mnist/output/V0001/", 21_766, "job8b9c0d1e"),
            ]
            for row in rows {
                w.beginObject()
                w.field("job_name", row.0)
                w.field("status", row.1)
                w.field("create_time", row.2)
                w.field("duration", row.3)
                w.field("job_desc", row.4)
                w.field("service_url", "https://console.huaweicloud.com/modelarts/tensorboard/cn-north-4/" + projectID + "/" + String(row.6) + "/")
                w.field("train_url", row.5)
                w.field("job_id", row.6)
                w.field("resource_id", row.7)
                w.endObject()
            }
        }
    }
}
