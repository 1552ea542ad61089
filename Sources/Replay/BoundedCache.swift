/// A thread-safe dictionary with a cost budget: when an insert would exceed it, everything is dropped
/// first (a generation reset). Cheap, and memory stays bounded under any access pattern.
final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var entries: [Key: Value] = [:]
        var cost = 0
    }

    private let state = LockedBox(State())
    /// The most total cost held.
    let budget: Int

    init(budget: Int) {
        self.budget = budget
    }

    /// The cached value for `key`.
    subscript(key: Key) -> Value? {
        state.withLock { $0.entries[key] }
    }

    /// Stores `value` with its cost; values costlier than the whole budget are not kept.
    func insert(_ value: Value, for key: Key, cost: Int) {
        guard cost <= budget else { return }
        state.withLock { s in
            if s.entries[key] != nil { return }
            if s.cost + cost > budget { s = State() }
            s.entries[key] = value
            s.cost += cost
        }
    }

    /// The cached value for `key`, or `make()`'s result, cached with `cost(value)`.
    func value(for key: Key, cost: (Value) -> Int, make: () throws -> Value) rethrows -> Value {
        if let cached = self[key] { return cached }
        let value = try make()
        insert(value, for: key, cost: cost(value))
        return value
    }
}
