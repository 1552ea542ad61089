import ModelArtsAPI
import Testing

@Suite("The one loopback test: which hosts may get plain http and an unauthenticated bind")
struct LoopbackHostTests {
    @Test("loopback spellings", arguments: [
        "localhost", "LOCALHOST", "127.0.0.1", "127.255.255.254", "127.10.0.3", "::1", "[::1]", "0:0:0:0:0:0:0:1",
    ])
    func loopback(_ host: String) {
        #expect(LoopbackHost.isLoopback(host), "\(host) is loopback")
    }

    @Test("look-alikes and forms a resolver may accept are not loopback", arguments: [
        "127.evil.example", "127.0.0.1.example.com", "localhost.example", "localhost.", "0x7f.1", "0x7f.0.0.1",
        "[::ffff:127.0.0.1]", "::ffff:127.0.0.1", "127.1", "127.0.1", "0177.0.0.1", "127.0.0.01", "127.0.0.256",
        "127.0.0.1.", "127.0.0.-1", "127.0.0.+1", "128.0.0.1", "10.0.0.1", "0.0.0.0", "", "[127.0.0.1", "::2",
        "127.0.0.1 ", " 127.0.0.1", "127.0.0.1%lo",
    ])
    func notLoopback(_ host: String) {
        #expect(!LoopbackHost.isLoopback(host), "'\(host)' must not count as loopback")
    }
}
