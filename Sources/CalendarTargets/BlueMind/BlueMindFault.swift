import Foundation
import HTTPTransport

/// A BlueMind error answer read by its body's `errorCode` (BlueMind's `ErrorCode` names). BlueMind
/// answers 403 for PERMISSION_DENIED, 404 for NOT_FOUND and 500 for every other ServerFault
/// (mdhender/bluemindfork parent/core/net.bluemind.core.rest/…/codec/JsonObjectCodec.java:125-137),
/// so a 500 is transient only when its code says the fault can pass.
struct BlueMindFault {
    /// The body's `errorCode`, nil when the body is not BlueMind's fault JSON (a proxy's page).
    var code: String?
    /// The body's `message`.
    var message: String

    init(_ response: HTTPResponse) {
        let body = (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]) ?? [:]
        code = body["errorCode"] as? String
        message = body["message"] as? String ?? ""
    }

    /// Codes of faults that can pass: the catch-all UNKNOWN (any unexpected exception, e.g. a lost
    /// database connection, ServerFault.java:35-38), SQL_ERROR, TIMEOUT, a concurrent operation
    /// and a container version that moved (core.commons/…/fault/ErrorCode.java:30, 42, 320, 381, 386).
    static let transientCodes: Set<String> = ["UNKNOWN", "SQL_ERROR", "TIMEOUT", "OPERATION_ALREADY_RUNNING", "VERSION_HAS_CHANGED"]

    /// Whether the calendar container is missing: `ServerFault("container … not found")` has code
    /// UNKNOWN and is answered 500 (calendar/…/VEventServiceFactory.java:47-48) — permanent.
    var isMissingContainer: Bool {
        code == "UNKNOWN" && message.hasPrefix("container ") && message.hasSuffix(" not found")
    }

    /// Whether trying `response` again may succeed.
    static func isTransient(_ response: HTTPResponse) -> Bool {
        guard response.status == 500 else { return FailureVerdict.isTransient(response) }
        let fault = BlueMindFault(response)
        guard let code = fault.code else { return true }
        return transientCodes.contains(code) && !fault.isMissingContainer
    }

    /// The error for a non-success answer to `action` for `account`.
    static func error(_ response: HTTPResponse, account: String, action: String) -> CalendarTargetError {
        guard response.status == 500, !isTransient(response) else {
            return CalendarTargetError.fromResponse(response, account: account, action: action)
        }
        let fault = BlueMindFault(response)
        let code: CalendarTargetError.Code
        switch fault.code {
        case _ where fault.isMissingContainer: code = .accountNotFound
        case "AUTHENTICATION_FAIL", "FORBIDDEN", "CALENDAR_AUTHORISATION_ERROR": code = .unauthorized
        default: code = .refused
        }
        return CalendarTargetError(code: code, isTransient: false, httpStatus: 500,
                                   message: "\(account): \(action) answered HTTP 500 \(fault.code ?? ""): \(fault.message.prefix(160))")
    }
}
