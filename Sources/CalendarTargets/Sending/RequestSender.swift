import CoreMetrics
import Foundation
import HTTPTransport

/// Sends a connector's requests to one host: through the host's ``HostThrottle``, retrying a
/// request that got a transient answer (as ``FailureVerdict`` judges it: no response, 408,
/// 423, 429, 5xx) a few times with a
/// short backoff that honours Retry-After, so one lost packet does not cost the account an
/// attempt. Every request calimport sends is idempotent (PUT with preconditions, imports
/// matched by UID, logins), so a retry never duplicates anything.
public struct RequestSender: Sendable {
    let httpClient: HTTPClient
    let throttle: HostThrottle
    /// Tries per request. Default 4.
    var attempts = 4
    /// A Retry-After longer than this (seconds) is handed to the queue instead of waited for here.
    var longestWait = 30.0

    public init(httpClient: HTTPClient, throttle: HostThrottle) {
        self.httpClient = httpClient
        self.throttle = throttle
    }

    /// Sends `request` for `account`; returns any answer that is not transient, and throws
    /// ``CalendarTargetError`` when the transient ones outlast the retries.
    public func send(
        _ request: HTTPRequest, account: String, action: String,
        isTransient: (HTTPResponse) -> Bool = FailureVerdict.isTransient
    ) throws -> HTTPResponse {
        var attempt = 1
        while true {
            let outcome = perform(request)
            let backoff = 0.2 * pow(2, Double(attempt - 1)) * Double.random(in: 0.5...1)
            switch outcome {
            case .success(let response) where isTransient(response):
                let wait = max(backoff, response.retryAfter ?? 0)
                guard attempt < attempts, wait <= longestWait else {
                    throw CalendarTargetError.fromResponse(response, account: account, action: action)
                }
                Thread.sleep(forTimeInterval: wait)
            case .success(let response):
                return response
            case .failure(let error):
                let failure = CalendarTargetError.fromTransport(error, account: account, action: action)
                guard attempt < attempts, failure.isTransient else { throw failure }
                Thread.sleep(forTimeInterval: backoff)
            }
            attempt += 1
        }
    }

    private func perform(_ request: HTTPRequest) -> Result<HTTPResponse, HTTPTransportError> {
        throttle.acquire()
        do {
            let response = try httpClient.perform(request)
            Timer(label: "calimport_push_duration_seconds", dimensions: [("target_host", throttle.host)])
                .recordNanoseconds(Int64(response.duration * 1_000_000_000))
            throttle.release(Self.isOverload(response.status) ? .overloaded : .answered(latency: response.duration))
            return .success(response)
        } catch let error as HTTPTransportError {
            // No answer within the timeout is the plainest sign of an overloaded host; a refused
            // or reset connection says nothing about load.
            throttle.release(error.code == .timedOut ? .overloaded : .failed)
            return .failure(error)
        } catch {
            throttle.release(.failed)
            return .failure(HTTPTransportError(code: .other, curlCode: -1, message: "\(error)"))
        }
    }

    /// Whether a status says the host is overloaded and the throttle should back off: 429, 503
    /// and 504 (a gateway that gave up waiting for it).
    public static func isOverload(_ status: Int) -> Bool {
        status == 429 || status == 503 || status == 504
    }
}
