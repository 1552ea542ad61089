/// Labels of parameters that carry credentials, as the generator uses them.
enum Redaction {
    /// The secret-looking parameter labels the generator can emit.
    static let secretLabels: [String] = ["obs_secret_key", "obs_access_key", "api_token", "wandb_api_key", "db_password"]

    /// Whether a parameter label names a credential.
    static func looksSecret(_ label: String) -> Bool {
        secretLabels.contains(label)
    }
}
