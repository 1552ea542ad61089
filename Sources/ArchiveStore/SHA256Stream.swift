import Crypto

/// An incremental SHA-256 that prints as lowercase hex.
struct SHA256Stream {
    private var hasher = SHA256()

    mutating func update(_ bytes: [UInt8]) {
        hasher.update(data: bytes)
    }

    func hex() -> String {
        Archive.hex(Array(hasher.finalize()))
    }
}
