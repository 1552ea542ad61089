/// A v2 training job: the body of `GET /v2/{project_id}/training-jobs/{id}`, and (maybe with fewer fields)
/// an item of `POST …/training-job-searches`.
///
/// Only what the archive types is declared; the raw JSON keeps everything else. Every member is optional
/// but `metadata.id`, as the live service leaves out what a job does not have.
public struct V2TrainingJob: Sendable, Equatable, Decodable {
    /// `kind`: `job`, `hetero_job`, `autosearch_job`, …
    public var kind: String?
    /// `metadata` (its `id` is required).
    public var metadata: V2JobMetadata
    /// `status`.
    public var status: V2JobStatus?
    /// `algorithm`.
    public var algorithm: V2Algorithm?
    /// `spec`.
    public var spec: V2JobSpec?

    /// Decodes leniently; throws when `json` is not an object or `metadata.id` is missing.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }

    /// The job's UUID.
    public var id: String { metadata.id }
}

/// `metadata` of a v2 training job.
public struct V2JobMetadata: Sendable, Equatable, Decodable {
    /// `id`: the job's UUID (required).
    public var id: String
    /// `name`.
    public var name: String?
    /// `description`.
    public var description: String?
    /// `create_time`, epoch milliseconds.
    public var createTime: Int64?
    /// `user_name`.
    public var userName: String?
    /// `workspace_id`.
    public var workspaceID: String?
}

/// `status` of a v2 training job.
public struct V2JobStatus: Sendable, Equatable, Decodable {
    /// `phase`: Creating, Pending, Running, Failed, Completed, Terminating, Terminated, Abnormal.
    public var phase: String?
    /// `secondary_phase`.
    public var secondaryPhase: String?
    /// `duration`, milliseconds.
    public var duration: Int64?
    /// `start_time`, epoch milliseconds.
    public var startTime: Int64?
    /// `tasks`: the task ids (`worker-0`, …).
    public var tasks: [String]?
}

/// `algorithm` of a v2 training job.
public struct V2Algorithm: Sendable, Equatable, Decodable {
    /// `id` of a saved algorithm.
    public var id: String?
    /// `name` of a saved algorithm.
    public var name: String?
    /// `code_dir`.
    public var codeDir: String?
    /// `boot_file`.
    public var bootFile: String?
    /// `command`.
    public var command: String?
    /// `engine`.
    public var engine: V2Engine?
}

/// `algorithm.engine` of a v2 training job.
public struct V2Engine: Sendable, Equatable, Decodable {
    /// `engine_id`.
    public var engineID: String?
    /// `engine_name`.
    public var engineName: String?
    /// `engine_version`.
    public var engineVersion: String?
    /// `image_url`: a custom image.
    public var imageURL: String?
}

/// `spec` of a v2 training job.
public struct V2JobSpec: Sendable, Equatable, Decodable {
    /// `resource`.
    public var resource: V2Resource?
}

/// `spec.resource` of a v2 training job.
public struct V2Resource: Sendable, Equatable, Decodable {
    /// `flavor_id`.
    public var flavorID: String?
    /// `flavor_name`.
    public var flavorName: String?
    /// `node_count`.
    public var nodeCount: Int64?
    /// `pool_id`.
    public var poolID: String?
}
