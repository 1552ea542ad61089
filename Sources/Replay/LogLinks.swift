import ArchiveStore
import Foundation

/// The temporary download links `…/tasks/{task_id}/logs/url` hands out, as OBS does: each a random token,
/// valid for ``lifetime`` seconds, naming the log (as the served capture left it) it downloads.
final class LogLinks: Sendable {
    /// What a link downloads, and until when.
    struct Link: Sendable {
        var info: LogFileInfo
        var expires: Date
    }

    /// What a token names.
    enum Lookup: Sendable {
        case valid(LogFileInfo)
        case expired
        case unknown
    }

    /// At most this many links are kept; the ones expiring first make room.
    static let maxLinks = 10_000

    /// How long a link is valid, in seconds.
    let lifetime: TimeInterval
    private let links = LockedBox<[String: Link]>([:])

    init(lifetime: TimeInterval) {
        self.lifetime = lifetime
    }

    /// A new link's token for `info`, valid from `now`.
    func issue(_ info: LogFileInfo, now: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator)) }.joined()
        links.withLock { map in
            // Expired links are kept a while (a lifetime, at least 5 minutes), so that their fetch says "expired".
            map = map.filter { $0.value.expires.addingTimeInterval(max(lifetime, 300)) > now }
            if map.count >= Self.maxLinks, let first = map.min(by: { $0.value.expires < $1.value.expires })?.key { map[first] = nil }
            map[token] = Link(info: info, expires: now.addingTimeInterval(lifetime))
        }
        return token
    }

    /// What `token` names at `now`.
    func lookup(_ token: String, now: Date) -> Lookup {
        links.withLock { map in
            guard let link = map[token] else { return .unknown }
            return link.expires > now ? .valid(link.info) : .expired
        }
    }
}
