import ArchiveStore

/// One generation's part of a catalog listing (`specs`, `engines`, `pools`, `algorithms`): a title for the
/// table, the listing and its rows.
struct GenerationPart<Row: Encodable> {
    /// `v1` or `v2`.
    var api: String
    /// The heading above the table when both generations are shown.
    var title: String
    var listing: Listing<Row>
    var rows: [Row]
}

/// A row with its generation, encoded as the row's keys plus `api`.
struct TaggedRow: Encodable {
    var api: String
    var row: any Encodable

    private enum Keys: String, CodingKey { case api }

    func encode(to encoder: any Encoder) throws {
        try row.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(api, forKey: .api)
    }
}

/// Writes a catalog with a v1 and a v2 form (either may be left out by `--api`): a table per generation that
/// has rows (both under headings when both have), JSON rows tagged with `api`, CSV for one generation (with
/// rows in both, `--api` must choose: the columns differ).
func writeGenerations<A: Encodable, B: Encodable>(
    _ v1: GenerationPart<A>?, _ v2: GenerationPart<B>?, output: RowOutputOptions, to out: Output
) throws {
    let showV1 = v1.map { !$0.rows.isEmpty || v2 == nil || v2?.rows.isEmpty == true } ?? false
    let showV2 = v2.map { !$0.rows.isEmpty || v1 == nil } ?? false
    if output.json {
        let rows = (showV1 ? (v1?.rows ?? []).map { TaggedRow(api: "v1", row: $0) } : [])
            + (showV2 ? (v2?.rows ?? []).map { TaggedRow(api: "v2", row: $0) } : [])
        try writeJSON(rows, to: out)
        return
    }
    if output.csv {
        if showV1 && showV2 { throw UsageError("--csv lists one generation at a time (their columns differ): add --api v1 or --api v2") }
        if showV1, let v1 { v1.listing.writeCSV(v1.rows, to: out) }
        if showV2, let v2 { v2.listing.writeCSV(v2.rows, to: out) }
        return
    }
    if showV1, let v1 {
        if showV2 { out.line(out.style.bold(v1.title)) }
        v1.listing.writeTable(v1.rows, to: out)
    }
    if showV2, let v2 {
        if showV1 {
            out.line()
            out.line(out.style.bold(v2.title))
        }
        v2.listing.writeTable(v2.rows, to: out)
    }
}
