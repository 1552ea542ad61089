/// What `offset` counts in the v2 job search (`POST training-job-searches`).
///
/// Huawei's documents disagree: the API page says pages, the SDK reference a record offset, and Huawei's
/// Terraform provider adds 1 per page. Snapshot asks for `offset` 0 and then 1 and compares the items; the
/// archive records what it found (`archive_meta.v2_search_offset`) and replay answers under that meaning.
public enum V2OffsetMeaning: String, Sendable, Codable, CaseIterable {
    /// `offset` skips that many jobs (1 = from the second job).
    case records
    /// `offset` is a page index from 0 (1 = the second page).
    case pages
    /// `offset` is a page number from 1 (0 and 1 both give the first page).
    case pagesFromOne = "pages-from-1"

    /// The `offset` of the `index`-th page (from 0) of `limit` jobs.
    public func offset(ofPage index: Int, limit: Int) -> Int {
        switch self {
        case .records: index * limit
        case .pages: index
        case .pagesFromOne: index + 1
        }
    }

    /// The jobs a request for `offset` and `limit` skips, and how many it then takes (a skip past any
    /// count, never an overflow, for a huge `offset`).
    public func window(offset: Int, limit: Int) -> (skip: Int, count: Int) {
        let limit = max(0, limit)
        func pages(_ n: Int) -> Int {
            let (skip, overflow) = max(0, n).multipliedReportingOverflow(by: limit)
            return overflow ? Int.max : skip
        }
        switch self {
        case .records: return (max(0, offset), limit)
        case .pages: return (pages(offset), limit)
        case .pagesFromOne: return (pages(offset == Int.min ? 0 : offset - 1), limit)
        }
    }
}
