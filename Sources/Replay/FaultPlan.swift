import Foundation

/// Faults injected into API answers so that clients can be tested against a misbehaving service.
///
/// Off by default. Each `/v1` request (never `/health`) draws from a seeded generator: with
/// probability `rate` it gets one of `kinds`, chosen uniformly. The sequence of draws is fixed by the
/// seed; which request gets which draw depends on arrival order.
public struct FaultPlan: Sendable, Equatable {
    /// What can go wrong.
    public enum Kind: String, Sendable, CaseIterable, Equatable {
        /// 500 with `ModelArts.0010` (internal error).
        case serverError = "500"
        /// 503 with `Retry-After: 1`.
        case unavailable = "503"
        /// 429 with `APIG.0308` and `Retry-After: 1`.
        case throttled = "429"
        /// The connection is reset (closed with SO_LINGER 0) before any answer.
        case reset
        /// The right head and `Content-Length`, then half the body and a closed connection.
        case truncate
        /// The right answer, after `slowDelay`.
        case slow
    }

    /// Probability in [0, 1] that a request gets a fault.
    public var rate: Double
    /// The faults to choose from.
    public var kinds: [Kind]
    /// The generator's seed.
    public var seed: UInt64
    /// How long a `slow` answer waits, in milliseconds.
    public var slowDelayMilliseconds: Int

    /// Creates a plan.
    public init(rate: Double = 0, kinds: [Kind] = Kind.allCases, seed: UInt64 = 0, slowDelayMilliseconds: Int = 2000) {
        self.rate = rate
        self.kinds = kinds
        self.seed = seed
        self.slowDelayMilliseconds = slowDelayMilliseconds
    }

    /// No faults.
    public static let none = FaultPlan()

    /// Whether the plan can inject anything.
    public var isActive: Bool { rate > 0 && !kinds.isEmpty }

    /// Parses `--fault-kinds`: a comma-separated list of `500,503,429,reset,truncate,slow`.
    ///
    /// - Throws: ``ReplayError`` (`.invalidOption`) naming the unknown kind and the accepted ones.
    public static func parseKinds(_ text: String) throws(ReplayError) -> [Kind] {
        var kinds: [Kind] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let kind = Kind(rawValue: name) else {
                throw ReplayError(.invalidOption, "--fault-kinds: unknown fault '\(name)'; use 500, 503, 429, reset, truncate, slow")
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        guard !kinds.isEmpty else { throw ReplayError(.invalidOption, "--fault-kinds: no fault named") }
        return kinds
    }

    /// Checks the values.
    ///
    /// - Throws: ``ReplayError`` (`.invalidOption`) for a rate outside 0…1 or a delay outside 0…600000 ms.
    public func validate() throws(ReplayError) {
        guard rate >= 0, rate <= 1, !rate.isNaN else {
            throw ReplayError(.invalidOption, "--fault-rate must be between 0 and 1, got \(rate)")
        }
        guard slowDelayMilliseconds >= 0, slowDelayMilliseconds <= 600_000 else {
            throw ReplayError(.invalidOption, "--fault-delay-ms must be between 0 and 600000")
        }
    }
}
