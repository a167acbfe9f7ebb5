import CoreMetrics
import Foundation
import Hummingbird
import Logging
import Prometheus

/// Serves the process's metrics in the Prometheus text format at `GET /metrics`, and
/// `GET /healthz`, on `host:port` (Hummingbird 2), from a background task.
///
/// ``bootstrap()`` installs swift-prometheus as the swift-metrics backend, so every
/// `Counter`, `Timer` and `Gauge` the libraries create lands in the registry served here.
public final class MetricsEndpoint: Sendable {
    /// The registry behind `/metrics`.
    public let registry: PrometheusCollectorRegistry

    private init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    private static let shared: MetricsEndpoint = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30),
        ]
        MetricsSystem.bootstrap(factory)
        return MetricsEndpoint(registry: registry)
    }()

    /// Makes swift-prometheus the metrics backend of this process (once) and returns the endpoint.
    public static func bootstrap() -> MetricsEndpoint { shared }

    /// The metrics in the Prometheus text exposition format.
    public func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Starts serving on `address` (`HOST:PORT`) in the background and returns once the port
    /// is listening. Awaits readiness without blocking a thread of the cooperative pool.
    public func start(address: String, logger: Logger) async throws {
        let listen = try ListenAddress(parsing: address)
        let readiness = Readiness()
        let application = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "calimport"),
            onServerRunning: { _ in readiness.finish(nil) },
            logger: logger)
        Task.detached {
            do {
                try await application.runService(gracefulShutdownSignals: [])
            } catch {
                readiness.finish("\(error)")
            }
        }
        if let failure = await readiness.wait() {
            throw TelemetryError(message: "cannot serve metrics on \(address): \(failure)")
        }
        logger.info("metrics.listening", metadata: ["metrics.address": "\(address)"])
    }

    /// ``start(address:logger:)`` for callers on plain threads (the worker's main thread).
    public func startBlocking(address: String, logger: Logger) throws {
        let done = DispatchSemaphore(value: 0)
        let failure = Readiness()
        Task.detached { [self] in
            do {
                try await start(address: address, logger: logger)
                failure.finish(nil)
            } catch {
                failure.finish("\((error as? TelemetryError)?.message ?? "\(error)")")
            }
            done.signal()
        }
        done.wait()
        if let message = failure.result { throw TelemetryError(message: message) }
    }

    private func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/metrics") { [self] _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: exposition())))
        }
        router.get("/healthz") { _, _ in "ok\n" }
        return router
    }
}

/// The first outcome of starting the server (nil = listening, else the failure), awaitable once.
private final class Readiness: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: String??
    private var waiter: CheckedContinuation<String?, Never>?

    /// The outcome, once finished.
    var result: String? { lock.withLock { outcome ?? nil } }

    func finish(_ failure: String?) {
        let resumed: CheckedContinuation<String?, Never>? = lock.withLock {
            guard outcome == nil else { return nil }
            outcome = .some(failure)
            defer { waiter = nil }
            return waiter
        }
        resumed?.resume(returning: failure)
    }

    func wait() async -> String? {
        await withCheckedContinuation { continuation in
            let ready: String?? = lock.withLock {
                if let outcome { return outcome }
                waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
