import Foundation

/// A small deterministic generator (SplitMix64) for randomised tests, so that a failing run can be replayed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The seed this generator started from.
    public let seed: UInt64
    private var state: UInt64

    /// Starts from `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed from the environment variable `name` (decimal or 0x-hex) when set, else a fresh random one.
    ///
    /// Throws when the variable is set but is not a number, so a mistyped replay seed is not silently replaced.
    public static func seed(fromEnvironment name: String) throws -> UInt64 {
        guard let text = ProcessInfo.processInfo.environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return UInt64.random(in: .min ... .max)
        }
        let parsed = text.lowercased().hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
        guard let parsed else { throw SeedError(variable: name, text: text) }
        return parsed
    }

    /// A replay seed variable that does not hold a number.
    public struct SeedError: Error, CustomStringConvertible {
        /// The environment variable.
        public var variable: String
        /// What it held.
        public var text: String
        /// One line naming the variable and the problem.
        public var description: String { "\(variable)='\(text)' is not an unsigned 64-bit number" }
    }
}
