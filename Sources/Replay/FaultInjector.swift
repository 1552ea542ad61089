/// Draws faults from a ``FaultPlan`` with a seeded SplitMix64 generator shared by all requests.
final class FaultInjector: Sendable {
    let plan: FaultPlan
    private let state: LockedBox<UInt64>

    init(plan: FaultPlan) {
        self.plan = plan
        self.state = LockedBox(plan.seed)
    }

    /// The fault for the next request, or nil.
    func next() -> FaultPlan.Kind? {
        guard plan.isActive else { return nil }
        let (roll, pick) = state.withLock { s -> (UInt64, UInt64) in
            (Self.splitMix(&s), Self.splitMix(&s))
        }
        // 53 random bits → [0, 1).
        let unit = Double(roll >> 11) / Double(UInt64(1) << 53)
        guard unit < plan.rate else { return nil }
        return plan.kinds[Int(pick % UInt64(plan.kinds.count))]
    }

    private static func splitMix(_ s: inout UInt64) -> UInt64 {
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
