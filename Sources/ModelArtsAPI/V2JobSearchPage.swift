/// A page of `POST /v2/{project_id}/training-job-searches`: `total`, `count`, `limit`, `offset` and `items`.
///
/// The documents disagree on what `offset` counts (records or pages) and whether `count` is the page's
/// items or every match; the crawl reads only `items` and `total` and works out the rest.
public struct V2JobSearchPage: Sendable, Equatable, Decodable {
    /// `total`: jobs matching the search.
    public var total: Int64?
    /// `count`: the page's item count, or every match (the documents disagree).
    public var count: Int64?
    /// `limit` echoed.
    public var limit: Int64?
    /// `offset` echoed.
    public var offset: Int64?
    /// `items`: the jobs.
    public var items: [V2TrainingJob]

    /// Decodes leniently; throws when `json` is not an object or an item has no `metadata.id`.
    public init(json: JSONValue) throws(ModelDecodingError) { self = try JSONValueDecoder.decode(Self.self, from: json) }

    private enum CodingKeys: CodingKey { case total, count, limit, offset, items }

    /// An absent `items` is an empty page.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        total = try c.decodeIfPresent(Int64.self, forKey: .total)
        count = try c.decodeIfPresent(Int64.self, forKey: .count)
        limit = try c.decodeIfPresent(Int64.self, forKey: .limit)
        offset = try c.decodeIfPresent(Int64.self, forKey: .offset)
        items = try c.decodeIfPresent([V2TrainingJob].self, forKey: .items) ?? []
    }
}
