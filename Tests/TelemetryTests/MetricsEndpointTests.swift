import CoreMetrics
import Foundation
import HTTPTransport
import Logging
import Telemetry
import Testing

struct MetricsEndpointTests {
    @Test func servesCountersAndHistogramsInPrometheusFormat() throws {
        let endpoint = MetricsEndpoint.bootstrap()
        Counter(label: "calimport_test_jobs_total", dimensions: [("class", "transient")]).increment(by: 3)
        Timer(label: "calimport_test_push_duration_seconds", dimensions: [("target_host", "127.0.0.1")])
            .recordMilliseconds(40)
        let port = try Self.freePort()
        try endpoint.start(address: "127.0.0.1:\(port)", logger: Logger(label: "test"))
        let client = HTTPClient()
        let metrics = try client.perform(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/metrics"))
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
        let text = String(decoding: metrics.body, as: UTF8.self)
        #expect(text.contains(#"calimport_test_jobs_total{class="transient"} 3"#))
        #expect(text.contains("calimport_test_push_duration_seconds_bucket"))
        #expect(try client.perform(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/healthz")).status == 200)
    }

    @Test func badAddressIsRefused() {
        #expect(throws: TelemetryError.self) {
            try MetricsEndpoint.bootstrap().start(address: "nowhere", logger: Logger(label: "test"))
        }
    }

    /// A port nothing listens on right now (the kernel's choice for an ephemeral bind).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(descriptor, pointer, length) == 0 else { return -1 }
                return getsockname(descriptor, pointer, &length)
            }
        }
        guard bound == 0 else { throw TelemetryError(message: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
