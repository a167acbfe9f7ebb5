import CCurl
import Foundation

/// A blocking HTTP client on libcurl easy handles, safe to call from many threads at once.
///
/// Handles are pooled and reused (`curl_easy_reset` keeps their connections), so a slot that
/// pushes many requests to one host reuses its keep-alive connection. `Expect: 100-continue` is
/// never sent: some servers (Radicale among them) never answer it and libcurl would wait a
/// full second per upload.
public final class HTTPClient: @unchecked Sendable {
    /// Client settings.
    public struct Configuration: Sendable {
        /// Time allowed to establish a connection, in seconds. Default 10.
        public var connectTimeout: Double = 10
        /// Whether TLS peer certificates and host names are verified. Default true.
        public var verifyTLS: Bool = true
        /// A CA bundle file to verify peers with instead of the system's. Default nil.
        public var caBundlePath: String?
        /// The User-Agent header. Default `calimport/<version>`.
        public var userAgent: String = "calimport/0.1"
        public init() {}
    }

    private let configuration: Configuration
    private let lock = NSLock()
    private var idleHandles: [UnsafeMutableRawPointer] = []

    public init(configuration: Configuration = Configuration()) {
        Self.globalInitialization
        self.configuration = configuration
    }

    deinit {
        for handle in idleHandles { curl_easy_cleanup(handle) }
    }

    private static let globalInitialization: Void = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()

    /// Performs `request` and returns the response, whatever its status; throws
    /// ``HTTPTransportError`` only when no response was received.
    public func perform(_ request: HTTPRequest) throws -> HTTPResponse {
        let handle = try checkOut()
        defer { checkIn(handle) }
        let transfer = Transfer(handle: handle, configuration: configuration)
        return try transfer.perform(request)
    }

    private func checkOut() throws -> UnsafeMutableRawPointer {
        if let handle = lock.withLock({ idleHandles.popLast() }) {
            curl_easy_reset(handle)
            return handle
        }
        guard let handle = curl_easy_init() else {
            throw HTTPTransportError(code: .other, curlCode: -1, message: "curl_easy_init failed")
        }
        return handle
    }

    private func checkIn(_ handle: UnsafeMutableRawPointer) {
        lock.withLock { idleHandles.append(handle) }
    }
}
