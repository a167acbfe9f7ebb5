import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Serves a ``SandboxNode`` over HTTP/1.1 with Hummingbird, adding the configured latency and
/// faults to protocol requests.
public struct SandboxServer: Sendable {
    /// The node it serves.
    public let node: SandboxNode
    let host: String
    let port: Int

    public init(node: SandboxNode, host: String, port: Int) {
        self.node = node
        self.host = host
        self.port = port
    }

    /// Runs until the task is cancelled or SIGINT/SIGTERM; `onListening` receives the bound port.
    public func run(logger: Logger, onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let node = node
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            try await Self.respond(request, node: node)
        }
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port), serverName: "calimport-sandbox"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService()
    }

    static func respond(_ request: Request, node: SandboxNode) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 256 << 20)
        let sandboxRequest = SandboxRequest(
            method: request.method.rawValue, path: request.uri.path.removingPercentEncoding ?? request.uri.path,
            query: Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { $1 }),
            headers: Dictionary(request.headers.map { ($0.name.canonicalName, $0.value) }, uniquingKeysWith: { $0 + ", " + $1 }),
            body: Data(body.readableBytesView))
        guard let proto = SandboxProtocol(path: sandboxRequest.path) else {
            return response(node.respond(to: sandboxRequest))
        }
        node.inFlight.begin(sandboxRequest.method)
        defer { node.inFlight.end(sandboxRequest.method) }
        let configuration = node.configuration
        if configuration.latencyMilliseconds > 0 {
            try await Task.sleep(nanoseconds: UInt64(configuration.latencyMilliseconds) * 1_000_000)
        }
        switch node.faults.decide(proto) {
        case .pass:
            return response(node.respond(to: sandboxRequest))
        case .throttle(let seconds):
            return response(.text(429, "too many requests", headers: [("Retry-After", String(seconds))]))
        case .fail:
            return response(.text(503, "injected failure"))
        case .reset:
            _ = node.respond(to: sandboxRequest)  // applied, but the answer never arrives
            return Response(status: .ok, headers: [.contentLength: "1024"], body: ResponseBody(contentLength: 1024) { _ in
                throw CancellationError()
            })
        }
    }

    static func response(_ answer: SandboxResponse) -> Response {
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        return Response(status: .init(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
