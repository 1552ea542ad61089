import CJobArchiveZlib

/// zlib compression of log chunks (RFC 1950 zlib streams, readable by any zlib).
enum Zlib {
    /// The compression level used for chunks (see reference/performance-notes.md, T2).
    static let level: Int32 = 6

    /// Compresses `input` into a zlib stream.
    static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = Zlib.level) throws(ArchiveError) -> [UInt8] {
        var bound = compressBound(uLong(input.count))
        var out = [UInt8](repeating: 0, count: Int(bound))
        let rc = out.withUnsafeMutableBufferPointer { dst -> Int32 in
            guard let d = dst.baseAddress else { return Z_BUF_ERROR }
            let src = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
            return compress2(d, &bound, src, uLong(input.count), level)
        }
        guard rc == Z_OK else { throw ArchiveError(.compression, "zlib compress2 failed with code \(rc)") }
        out.removeSubrange(Int(bound)...)
        return out
    }

    /// Inflates a zlib stream whose uncompressed size is known to be `rawLength`.
    static func inflate(_ input: UnsafeRawBufferPointer, rawLength: Int) throws(ArchiveError) -> [UInt8] {
        if rawLength == 0 { return [] }
        var out = [UInt8](repeating: 0, count: rawLength)
        var outLen = uLong(rawLength)
        let rc = out.withUnsafeMutableBufferPointer { dst -> Int32 in
            guard let d = dst.baseAddress, let s = input.baseAddress else { return Z_DATA_ERROR }
            return uncompress(d, &outLen, s.assumingMemoryBound(to: Bytef.self), uLong(input.count))
        }
        guard rc == Z_OK, Int(outLen) == rawLength else {
            throw ArchiveError(.corrupted, "zlib inflate failed (code \(rc), \(outLen) of \(rawLength) bytes)")
        }
        return out
    }

    /// Inflates a zlib stream of unknown uncompressed size; nil when the data is not a valid stream.
    static func inflateGrowing(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let s = input.baseAddress else { return nil }
        var capacity = max(input.count * 4, 4096)
        while capacity <= 1 << 32 {
            var out = [UInt8](repeating: 0, count: capacity)
            var outLen = uLong(capacity)
            let rc = out.withUnsafeMutableBufferPointer { dst -> Int32 in
                guard let d = dst.baseAddress else { return Z_DATA_ERROR }
                return uncompress(d, &outLen, s.assumingMemoryBound(to: Bytef.self), uLong(input.count))
            }
            if rc == Z_OK {
                out.removeSubrange(Int(outLen)...)
                return out
            }
            guard rc == Z_BUF_ERROR else { return nil }
            capacity *= 4
        }
        return nil
    }

    /// The CRC-32 of `input`.
    static func crc32(_ input: UnsafeRawBufferPointer) -> UInt32 {
        let src = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        return UInt32(CJobArchiveZlib.crc32(0, src, uInt(input.count)))
    }

    /// The CRC-32 of `input`.
    static func crc32(_ input: [UInt8]) -> UInt32 {
        input.withUnsafeBytes { crc32($0) }
    }
}
