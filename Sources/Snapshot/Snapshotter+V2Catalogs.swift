import ArchiveStore
import ModelArtsAPI
import ModelArtsClient

extension Snapshotter {
    /// Pool pages followed at most (a bound on a `continue` token that never ends).
    static let maxPoolPages = 1_000

    /// The v2 catalogs: flavors, engines, pools (following `metadata.continue`) and algorithms (paged by
    /// `offset`/`limit`, following `total`). Each answer is stored byte for byte, each element as its own
    /// entity; a catalog the endpoint does not offer is noted, not a gap.
    func crawlV2Catalogs(capture: Int64) async {
        await report(phase: "v2 flavors, engines, pools, algorithms")
        if let body = await fetchV2Catalog(.flavors, key: EntityKey.v2Catalog(.flavors), capture: capture) {
            _ = await storeV2List(EntityKey.v2Catalog(.flavors), body: body, itemsKey: "flavors", kind: .v2Flavor, capture: capture, markGone: true) {
                $0["flavor_id"]?.string
            }
        }
        if let body = await fetchV2Catalog(.engines, key: EntityKey.v2Catalog(.engines), capture: capture) {
            _ = await storeV2List(EntityKey.v2Catalog(.engines), body: body, itemsKey: "items", kind: .v2Engine, capture: capture, markGone: true) {
                $0["engine_id"]?.string ?? $0["engine_id"]?.int64.map(String.init)
            }
        }
        await crawlV2Pools(capture: capture)
        await crawlV2Algorithms(capture: capture)
    }

    /// GETs a v2 catalog; nil when it failed (a gap) or is not offered (noted; only a catalog's first
    /// request can say so, a later page answering "no such API" is a gap).
    func fetchV2Catalog(_ endpoint: V2Endpoint, query: [(String, String)] = [], key: String, first: Bool = true, capture: Int64) async -> [UInt8]? {
        await fetchV2(endpoint, query: query, kind: "list", key: key, notOffered: first ? key : nil, capture: capture)
    }

    /// Stores a v2 list answer (each element of `itemsKey` as a `kind` entity keyed by `keyFor`); with
    /// `markGone`, elements of `kind` the answer no longer holds are marked deleted. Returns the item keys.
    func storeV2List(
        _ listKey: String, body: [UInt8], itemsKey: String, kind: EntityKind, capture: Int64, markGone: Bool,
        keyFor: @escaping @Sendable (JSONValue) -> String?
    ) async -> [String]? {
        // Saved algorithms carry parameters (`job_config.parameters`): redacted like a job's.
        let body = options.redactor.map { Snapshotter.redactItems(body, itemsKey: itemsKey, redactor: $0) } ?? body
        do {
            let keys = try await writer.run { [archive] in
                try archive.lists.put(listKey: listKey, body: body, itemsKey: itemsKey, itemKind: kind, capture: capture, keyFor: keyFor)
            }
            if markGone {
                let marked = try await writer.run { [archive] in try archive.entities.markMissing(kind: kind, present: Set(keys), capture: capture) }
                await state.update { $0.report.deleted += marked.count }
            }
            return keys
        } catch {
            await gap(capture, kind: "list", key: listKey, status: nil, code: nil, message: "\(error)")
            return nil
        }
    }

    /// Every page of `GET pools`, following `metadata.continue` until it is empty, absent or repeated; once
    /// the walk completes, pools and continue pages it did not see are marked gone.
    func crawlV2Pools(capture: Int64) async {
        var token: String? = nil
        var seen: Set<String> = []
        var keys: Set<String> = []
        var fetched: Set<String> = []
        for _ in 0..<Snapshotter.maxPoolPages {
            if Task.isCancelled { return }
            let listKey = EntityKey.v2Catalog(.pools, continue: token)
            guard let body = await fetchV2Catalog(.pools, query: token.map { [("continue", $0)] } ?? [], key: listKey, first: token == nil, capture: capture),
                let stored = await storeV2List(listKey, body: body, itemsKey: "items", kind: .v2Pool, capture: capture, markGone: false, keyFor: {
                    $0["metadata"]?["name"]?.string
                })
            else { return }
            keys.formUnion(stored)
            fetched.insert(listKey)
            // try?: the body was accepted as JSON; one without metadata.continue is the last page.
            let next = (try? RawJSON.parse(body))?["metadata"]?["continue"]?.string
            guard let next, !next.isEmpty else {
                do {
                    let marked = try await writer.run { [archive, keys, fetched] in
                        try archive.entities.markMissing(kind: .list, prefix: EntityKey.v2Catalog(.pools, continue: ""), present: fetched, capture: capture)
                        return try archive.entities.markMissing(kind: .v2Pool, present: keys, capture: capture)
                    }
                    await state.update { $0.report.deleted += marked.count }
                } catch {
                    await gap(capture, kind: "list", key: listKey, status: nil, code: nil, message: "marking pools gone upstream failed: \(error)")
                }
                return
            }
            guard seen.insert(next).inserted else {
                await gap(capture, kind: "list", key: listKey, status: 200, code: nil, message: "the pool list repeats its continue token; later pools are not captured")
                return
            }
            token = next
        }
        await gap(capture, kind: "list", key: EntityKey.v2Catalog(.pools), status: nil, code: nil, message: "more than \(Snapshotter.maxPoolPages) pages of pools; the rest are not captured")
    }

    /// Every page of `GET algorithms`, 50 a page, `offset` counted in records (the SDK's reading) and advanced
    /// by the algorithms each page brought, following `total`. A page that brings nothing new, a listing that
    /// ends short of `total`, or more pages than any project has, is a gap, never a silent loss; algorithms
    /// are marked gone only when `total` confirms the listing is whole.
    func crawlV2Algorithms(capture: Int64) async {
        let limit = V2Endpoint.maxAlgorithmLimit
        var offset = 0
        var keys: Set<String> = []
        var fetched: Set<String> = []
        var total: Int? = nil
        var ended = false
        for _ in 0..<Snapshotter.maxSearchPages {
            if Task.isCancelled { return }
            let listKey = EntityKey.v2Algorithms(offset: offset, limit: limit)
            guard let body = await fetchV2Catalog(.algorithms, query: [("offset", String(offset)), ("limit", String(limit))], key: listKey, first: offset == 0, capture: capture),
                let stored = await storeV2List(listKey, body: body, itemsKey: "items", kind: .v2Algorithm, capture: capture, markGone: false, keyFor: {
                    $0["metadata"]?["id"]?.string
                })
            else { return }
            fetched.insert(listKey)
            let before = keys.count
            keys.formUnion(stored)
            // try?: the body was accepted as JSON; without a numeric total, a short page ends the list.
            total = (try? RawJSON.parse(body))?["total"]?.int64.flatMap { Int(exactly: $0) } ?? total
            if stored.isEmpty || total.map({ keys.count >= $0 }) ?? (stored.count < limit) {
                ended = true
                break
            }
            if keys.count == before {
                await gap(capture, kind: "list", key: listKey, status: 200, code: nil, message: "the algorithms page at offset \(offset) brings nothing new; later algorithms are not captured")
                return
            }
            offset += stored.count
        }
        if Task.isCancelled { return }
        guard ended else {
            await gap(capture, kind: "list", key: EntityKey.v2AlgorithmsPrefix, status: nil, code: nil, message: "more than \(Snapshotter.maxSearchPages) pages of algorithms; the rest are not captured")
            return
        }
        if let total, keys.count < total {
            await gap(capture, kind: "list", key: EntityKey.v2AlgorithmsPrefix, status: nil, code: nil, message: "listed \(keys.count) of the \(total) algorithms the list reports; the rest are not captured")
            return
        }
        guard total != nil else { return }  // whole as far as the service says, but without a total nothing is marked gone
        do {
            let marked = try await writer.run { [archive, keys, fetched] in
                try archive.entities.markMissing(kind: .list, prefix: EntityKey.v2AlgorithmsPrefix, present: fetched, capture: capture)
                return try archive.entities.markMissing(kind: .v2Algorithm, present: keys, capture: capture)
            }
            await state.update { $0.report.deleted += marked.count }
        } catch {
            await gap(capture, kind: "list", key: EntityKey.v2AlgorithmsPrefix, status: nil, code: nil, message: "marking algorithms gone upstream failed: \(error)")
        }
    }
}
