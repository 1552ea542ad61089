import ModelArtsAPI

/// What a crawl has learnt so far of a service's ``LogReading``: each part once a log showed it.
struct PartialLogReading: Sendable, Equatable {
    /// The order that reads forward, once a log's pages showed it.
    var forward: LogReading.Order?
    /// Whether an empty `base_line` with `asc` gives the head, once a log longer than a page showed it.
    var emptyAscIsHead: Bool?
    /// Whether the cursor's line comes back, once a page from a cursor showed it.
    var inclusive: Bool?

    /// Takes what `other` knows; a part learnt twice keeps the first answer.
    mutating func merge(_ other: PartialLogReading) {
        forward = forward ?? other.forward
        emptyAscIsHead = emptyAscIsHead ?? other.emptyAscIsHead
        inclusive = inclusive ?? other.inclusive
    }

    /// The whole reading, once every part is known (inclusive defaults to exclusive: the crawl de-duplicates
    /// per page either way).
    var reading: LogReading? {
        guard let forward, let emptyAscIsHead else { return nil }
        return LogReading(forward: forward, emptyAscIsHead: emptyAscIsHead, inclusive: inclusive ?? false)
    }

    /// What an archived reading says.
    init(_ reading: LogReading) {
        self.init(forward: reading.forward, emptyAscIsHead: reading.emptyAscIsHead, inclusive: reading.inclusive)
    }

    init(forward: LogReading.Order? = nil, emptyAscIsHead: Bool? = nil, inclusive: Bool? = nil) {
        self.forward = forward
        self.emptyAscIsHead = emptyAscIsHead
        self.inclusive = inclusive
    }
}
