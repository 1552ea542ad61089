/// Everything the archive knows about one version as of a capture, for `jobarchive show`.
public struct VersionDetail: Sendable, Equatable, Codable {
    /// The one-row summary.
    public var summary: VersionSummary
    /// The job the version belongs to (nil if the job row was never captured).
    public var job: JobSummary?
    /// Which captured body the fields come from: `version_detail` or `version` (the list element).
    public var source: String
    /// `app_url`.
    public var appURL: String?
    /// `boot_file_url`.
    public var bootFileURL: String?
    /// `user_image_url`.
    public var userImageURL: String?
    /// `user_command`.
    public var userCommand: String?
    /// `data_url`.
    public var dataURL: String?
    /// `train_url`.
    public var trainURL: String?
    /// `log_url`.
    public var logURL: String?
    /// `dataset_id`.
    public var datasetID: String?
    /// `dataset_version_id`.
    public var datasetVersionID: String?
    /// `dataset_name`.
    public var datasetName: String?
    /// `dataset_version_name`.
    public var datasetVersionName: String?
    /// `resource_id`.
    public var resourceID: String?
    /// `core`.
    public var core: String?
    /// `cpu`.
    public var cpu: String?
    /// `gpu`.
    public var gpu: Bool?
    /// `flavor_code`.
    public var flavorCode: String?
    /// `model_id`.
    public var modelID: Int64?
    /// `nas_type`, `nas_mount_path`, `nas_share_addr` joined when present.
    public var nas: String?
    /// `parameter[]` in API order.
    public var parameters: [ParameterRow]
    /// `data_source[]`.
    public var dataSources: [DataSourceRow]
    /// `volumes[]`.
    public var volumes: [VolumeRow]
    /// `model_metric_list`, parsed.
    public var modelMetrics: ModelMetricsInfo?
    /// `system_metric_list`, parsed.
    public var systemMetrics: SystemMetricsInfo?
    /// The archived log files.
    public var logFiles: [LogFileInfo]
    /// The lineage chain by `pre_version_id`, from the first ancestor the archive holds to this version.
    public var lineage: [VersionRef]
    /// Versions created from this one (their `pre_version_id` is this version).
    public var derived: [VersionRef]
    /// Every stored revision of the list element and the details body, oldest first.
    public var revisions: [RevisionInfo]
}

/// One `data_source[]` entry.
public struct DataSourceRow: Sendable, Equatable, Codable {
    /// `type`: `obs` or `dataset`.
    public var type: String?
    /// `dataset_id`.
    public var datasetID: String?
    /// `dataset_version`.
    public var datasetVersion: String?
    /// `data_url`.
    public var dataURL: String?
}

/// One `volumes[]` entry.
public struct VolumeRow: Sendable, Equatable, Codable {
    /// `nfs`, `host_path`, or the wrapper key seen.
    public var kind: String
    /// `id` (NFS).
    public var id: String?
    /// `src_path`.
    public var srcPath: String?
    /// `dest_path`.
    public var destPath: String?
    /// `read_only`.
    public var readOnly: Bool?
}

/// One named metric value, kept both as a number and as its captured spelling.
public struct MetricValue: Sendable, Equatable, Codable {
    /// The metric's name (`recall`, `accuracy`, …).
    public var name: String
    /// The value as a number, when it is one.
    public var value: Double?
    /// The value as captured (JSON text).
    public var text: String
}

/// Model evaluation metrics of a version.
public struct ModelMetricsInfo: Sendable, Equatable, Codable {
    /// Metrics of one class.
    public struct ClassMetrics: Sendable, Equatable, Codable {
        /// `class_id`.
        public var classID: String?
        /// `class_name`.
        public var className: String?
        /// `metric_values` in document order.
        public var values: [MetricValue]
    }

    /// Per class, from `metric[]`.
    public var classes: [ClassMetrics]
    /// Overall, from `total_metric.total_metric_values`.
    public var totals: [MetricValue]
}

/// System monitoring series of a version.
public struct SystemMetricsInfo: Sendable, Equatable, Codable {
    /// One series (`cpuUsage`, `gpuUtil`, …) with summary statistics over its numeric samples.
    public struct Series: Sendable, Equatable, Codable {
        /// The series' name as captured.
        public var name: String
        /// The samples (nil where a sample was not numeric).
        public var values: [Double?]
        /// Smallest numeric sample.
        public var min: Double?
        /// Largest numeric sample.
        public var max: Double?
        /// Mean of the numeric samples.
        public var mean: Double?
        /// Last numeric sample.
        public var last: Double?
    }

    /// `interval` as captured (the unit is undocumented; minutes in practice).
    public var interval: Int64?
    /// The series in document order.
    public var series: [Series]

    /// Series sampled every `interval` (nil when the source does not say).
    public init(interval: Int64?, series: [Series]) {
        self.interval = interval
        self.series = series
    }
}

extension SystemMetricsInfo.Series {
    /// A series of `values` (nil: a sample without data) with its statistics over the numeric samples.
    public init(name: String, values: [Double?]) {
        let numbers = values.compactMap { $0 }
        self.init(
            name: name, values: values, min: numbers.min(), max: numbers.max(),
            mean: numbers.isEmpty ? nil : numbers.reduce(0, +) / Double(numbers.count), last: numbers.last)
    }
}

/// Everything about one job as of a capture, for `jobarchive show JOB`.
public struct JobDetail: Sendable, Equatable, Codable {
    /// The job row.
    public var job: JobSummary
    /// Its versions, oldest first.
    public var versions: [VersionSummary]
    /// Every stored revision of the job row, oldest first.
    public var revisions: [RevisionInfo]
    /// Log files archived across its versions.
    public var logFiles: Int
    /// Raw log bytes archived across its versions.
    public var logBytes: Int
}
