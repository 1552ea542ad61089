/// The archive failed while answering (a damaged file, an I/O error): logged, answered with a 500.
struct ReplayStoreFailure: Error, Sendable {
    /// What the store reported.
    var message: String
}
