import ModelArtsAPI

/// A validated list request: the window, the order and the filters.
struct ListQuery: Sendable, Hashable {
    /// 1-based page, or 0 for everything (versions only).
    var page: Int
    /// Items per page.
    var perPage: Int
    /// The item field to sort by; nil keeps the captured order.
    var sortField: String?
    /// Descending order.
    var descending: Bool
    /// Lowercased `search_content`, when non-empty.
    var search: String?
    /// `status` values to keep.
    var statuses: Set<Int64>?
    /// `workspace_id` to keep.
    var workspace: String?

    /// Whether any filter is active (the envelope's total count is then recomputed).
    var isFiltered: Bool { search != nil || statuses != nil || workspace != nil }

    /// Parses and validates the query of a list request.
    ///
    /// Without `sortBy`/`sort_by` and `order` the captured order (the service's own order) is kept;
    /// with either, items are stable-sorted by the field. `sortBy` wins over `sort_by`.
    static func parse(_ query: QueryParameters, spec: ListSpec) throws(ReplayAPIError) -> ListQuery {
        var result = ListQuery(page: spec.pageZeroMeansAll ? 0 : 1, perPage: spec.defaultPerPage, sortField: nil, descending: false)
        guard let perPageRange = spec.perPage else { return result }
        if let text = query["per_page"] {
            result.perPage = try integer(text, name: "per_page", in: perPageRange)
        }
        if let text = query["page"] {
            result.page = try integer(text, name: "page", in: (spec.pageZeroMeansAll ? 0 : 1)...65535)
        }
        guard !spec.sortFields.isEmpty else { return result }
        let sortName = query["sortBy"] ?? query["sort_by"]
        let orderText = query["order"]
        if let orderText {
            switch orderText {
            case "asc": result.descending = false
            case "desc": result.descending = true
            default: throw .badParameter("order", "must be asc or desc, got '\(orderText)'")
            }
        } else {
            result.descending = spec.defaultDescending
        }
        if let sortName, !sortName.isEmpty {
            guard let field = spec.sortFields[sortName] else {
                let allowed = spec.sortFields.keys.sorted().joined(separator: ", ")
                throw .badParameter(query["sortBy"] != nil ? "sortBy" : "sort_by", "must be one of \(allowed), got '\(sortName)'")
            }
            result.sortField = field
        } else if orderText != nil, let defaultSort = spec.defaultSort {
            result.sortField = spec.sortFields[defaultSort]
        }
        if spec.searchField != nil, let search = query["search_content"], !search.isEmpty {
            guard search.count <= 64 else {
                throw .badParameter("search_content", "must be at most 64 characters, got \(search.count)")
            }
            result.search = search.lowercased()
        }
        if spec.statusFilter, let text = query["status"], !text.isEmpty {
            var statuses = Set<Int64>()
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let code = Int(part), JobStatus(code: code) != nil else {
                    throw .badParameter("status", "must be a job status code from 0 to 21 (or a comma-separated list), got '\(text)'")
                }
                statuses.insert(Int64(code))
            }
            result.statuses = statuses
        }
        if spec.workspaceFilter, let workspace = query["workspace_id"] {
            guard workspace.utf8.count <= 64 else {
                throw .badParameter("workspace_id", "must be at most 64 characters")
            }
            result.workspace = workspace.isEmpty ? "0" : workspace
        }
        return result
    }

    /// A decimal integer within `range`, or a 400 naming the parameter.
    static func integer(_ text: String, name: String, in range: ClosedRange<Int>) throws(ReplayAPIError) -> Int {
        let digits = text.utf8
        guard !digits.isEmpty, digits.count <= 10,
            digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) || (digits.first == UInt8(ascii: "-") && digits.count > 1),
            let value = Int(text), range.contains(value)
        else {
            throw .badParameter(name, "must be an integer in [\(range.lowerBound), \(range.upperBound)], got '\(text)'")
        }
        return value
    }
}

/// A list and a query on it: the key of a composed list body.
struct ListWindowKey: Sendable, Hashable {
    /// The list key (`training-jobs`, `versions/10`, …).
    var list: String
    /// The validated query.
    var query: ListQuery
}
