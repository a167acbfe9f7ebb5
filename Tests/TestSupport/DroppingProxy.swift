import Foundation

/// A fault-injecting HTTP proxy in front of a real server: it forwards each request, waits for
/// the server's whole answer (so the server has applied the request), and then, for a chosen
/// fraction of requests, resets the client's connection instead of passing the answer on. The
/// client sees a lost answer for a request the server carried out: the fault calimport's
/// retries must survive without duplicating or failing anything.
///
/// One request per client connection: it is forwarded with `Connection: close` and the
/// connection is closed after the answer. Request bodies are framed by Content-Length (libcurl
/// sends no chunked bodies for calimport).
public final class DroppingProxy: @unchecked Sendable {
    /// `http://127.0.0.1:<port>`: use it instead of the server's URL.
    public let url: String
    private let upstreamPort: UInt16
    private let dropRate: Double
    private let dropFirstOf: Set<String>
    private var seenTargets: Set<String> = []
    private let beforeForwarding: (@Sendable (String) -> Void)?
    private let refuse: (@Sendable (String) -> Bool)?
    private let hookLock = NSLock()
    private let listener: Int32
    private let lock = NSLock()
    private var forwardedCount = 0
    private var droppedCount = 0
    private var droppedMethods: [String: Int] = [:]

    /// Starts a proxy to `upstream` (an `http://127.0.0.1:<port>` URL) dropping `dropRate` of the
    /// answers, and always the first answer to each request line whose method is in `dropFirstOf`
    /// (e.g. every MKCALENDAR's first answer: its retry then meets the calendar it created).
    /// `beforeForwarding` sees each request line before it is forwarded, one call at a time.
    /// `refuse` sees each request line too (one call at a time, after `beforeForwarding`); a
    /// request it answers true for is not forwarded and gets `503 Service Unavailable`, a
    /// transient failure, as from an overloaded server.
    public init(upstream: String, dropRate: Double, dropFirstOf: Set<String> = [],
                beforeForwarding: (@Sendable (String) -> Void)? = nil, refuse: (@Sendable (String) -> Bool)? = nil) throws {
        self.dropFirstOf = dropFirstOf
        self.beforeForwarding = beforeForwarding
        self.refuse = refuse
        guard let port = URLComponents(string: upstream)?.port else { throw TestEnvironmentError("no port in \(upstream)") }
        upstreamPort = UInt16(port)
        self.dropRate = dropRate
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        guard bound, listen(listener, 128) == 0 else { close(listener); throw TestEnvironmentError("the proxy cannot listen") }
        url = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
        let thread = Thread { [self] in acceptLoop() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit { stop() }

    /// Requests forwarded, and how many of their answers were dropped (in total and per method).
    public var counts: (forwarded: Int, dropped: Int, droppedByMethod: [String: Int]) {
        lock.withLock { (forwardedCount, droppedCount, droppedMethods) }
    }

    /// Stops accepting connections.
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                close(listener)
                return
            }
            let thread = Thread { [self] in serve(client) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        guard let request = Self.readRequest(client) else { close(client); return }
        let firstOfItsKind = dropFirstOf.contains(request.method) && lock.withLock { seenTargets.insert(request.line).inserted }
        if let beforeForwarding { hookLock.withLock { beforeForwarding(request.line) } }
        if let refuse, hookLock.withLock({ refuse(request.line) }) {
            _ = Self.writeAll(client, Array("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
            close(client)
            return
        }
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: upstreamPort)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected, Self.writeAll(upstream, request.bytes) else { close(upstream); close(client); return }
        var answer = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(upstream, &buffer, buffer.count)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        close(upstream)
        let drop = firstOfItsKind || Double.random(in: 0..<1) < dropRate
        lock.withLock {
            forwardedCount += 1
            if drop { droppedCount += 1; droppedMethods[request.method, default: 0] += 1 }
        }
        if drop {
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)  // close with RST: the answer is lost
            setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        } else {
            _ = Self.writeAll(client, answer)
        }
        close(client)
    }

    /// One request from the client, its head rewritten to `Connection: close`.
    private static func readRequest(_ client: Int32) -> (method: String, line: String, bytes: [UInt8])? {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        var bodyLength = 0
        while headEnd == nil || data.count < headEnd! + bodyLength {
            let count = read(client, &buffer, buffer.count)
            if count <= 0 { return nil }
            data += buffer[0..<count]
            if headEnd == nil, let range = data.firstRange(of: separator) {
                headEnd = range.upperBound
                let head = String(decoding: data[..<range.lowerBound], as: UTF8.self)
                for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                    bodyLength = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
        }
        let headText = String(decoding: data[..<(headEnd! - 4)], as: UTF8.self)
        let lines = headText.split(separator: "\r\n").filter {
            !$0.lowercased().hasPrefix("connection:") && !$0.lowercased().hasPrefix("keep-alive:")
        }
        let method = lines.first?.split(separator: " ").first.map(String.init) ?? ""
        let rewritten = Array((lines.joined(separator: "\r\n") + "\r\nConnection: close\r\n\r\n").utf8)
        return (method, lines.first.map(String.init) ?? "", rewritten + data[headEnd!...])
    }

    private static func writeAll(_ socket: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return address
    }
}
