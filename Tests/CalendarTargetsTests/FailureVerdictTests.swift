import CalendarTargets
import Foundation
import HTTPTransport
import Testing

/// Transient against permanent is decided in one place, and a wrapped transport failure keeps
/// its cause.
@Suite struct FailureVerdictTests {
    @Test func statusesAndTransportFailuresAreJudgedOnce() {
        for status in [408, 423, 429, 500, 502, 503, 504] {
            #expect(FailureVerdict(status: status).isTransient, "\(status)")
        }
        for status in [400, 401, 403, 404, 409, 412, 422] {
            #expect(!FailureVerdict(status: status).isTransient, "\(status)")
        }
        #expect(FailureVerdict(status: 503, retryAfter: 5).code == .throttled)
        #expect(FailureVerdict(status: 503).code == .serverError)
        #expect(FailureVerdict(transport: HTTPTransportError(code: .timedOut, curlCode: 28, message: "t")).isTransient)
        #expect(FailureVerdict(transport: HTTPTransportError(code: .connectionFailed, curlCode: 7, message: "c")).isTransient)
        #expect(!FailureVerdict(transport: HTTPTransportError(code: .tlsFailed, curlCode: 60, message: "tls")).isTransient)
    }

    @Test func aWrappedTransportFailureKeepsItsCause() {
        let cause = HTTPTransportError(code: .connectionFailed, curlCode: 7, message: "Connection refused")
        let error = CalendarTargetError.fromTransport(cause, account: "a@example.com", action: "PUT x")
        #expect(error.isTransient && error.code == .transport)
        #expect((error.underlying as? HTTPTransportError)?.curlCode == 7)
        #expect(error.message.contains("Connection refused") && error.message.contains("a@example.com"))
        let answer = CalendarTargetError.fromResponse(HTTPResponse(status: 429, headers: [("Retry-After", "3")], body: Data()), account: "a", action: "PUT")
        #expect(answer.isTransient && answer.retryAfter == 3 && answer.httpStatus == 429)
    }
}
