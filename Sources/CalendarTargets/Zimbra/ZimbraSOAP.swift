import Foundation
import HTTPTransport

/// Zimbra SOAP 1.2 messages: the envelope with its `context` header, and the parts of an
/// answer calimport reads (auth token, lifetime, fault code).
enum ZimbraSOAP {
    /// An envelope around `body`, with `authToken` in the context header when given.
    static func envelope(_ body: String, authToken: String? = nil) -> Data {
        let context = authToken.map { "<context xmlns=\"urn:zimbra\"><authToken>\(XMLText.escape($0))</authToken></context>" }
            ?? "<context xmlns=\"urn:zimbra\"/>"
        return Data("""
            <?xml version="1.0" encoding="utf-8"?>
            <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Header>\(context)</soap:Header>\
            <soap:Body>\(body)</soap:Body></soap:Envelope>
            """.utf8)
    }

    /// The fault code (`account.AUTH_FAILED`, `service.AUTH_EXPIRED`, …) of an answer, if it is a fault.
    static func faultCode(_ response: HTTPResponse) -> String? {
        let xml = String(decoding: response.body, as: UTF8.self)
        guard xml.contains("Fault>") else { return nil }
        return XMLText.element("Code", in: xml.components(separatedBy: "Detail>").dropFirst().first ?? "") ?? "unknown"
    }

    /// Whether a SOAP answer is worth retrying: a 5xx that is not a fault about the request
    /// itself, or any other transient status.
    static func isTransient(_ response: HTTPResponse) -> Bool {
        guard FailureVerdict.isTransient(response) else { return false }
        guard let code = faultCode(response) else { return true }
        return code == "service.FAILURE" || code == "service.TEMPORARILY_UNAVAILABLE"
    }

    /// Whether a fault means the token must be renewed.
    static func isExpiredToken(_ code: String?) -> Bool {
        code == "service.AUTH_EXPIRED" || code == "service.AUTH_REQUIRED"
    }

    /// The error a fault code means for `account`.
    static func error(_ code: String, response: HTTPResponse, account: String, action: String) -> CalendarTargetError {
        let reason = XMLText.element("Text", in: String(decoding: response.body, as: UTF8.self)) ?? code
        switch code {
        case "account.AUTH_FAILED", "service.PERM_DENIED", "service.AUTH_EXPIRED", "service.AUTH_REQUIRED":
            return CalendarTargetError(code: .unauthorized, isTransient: false, httpStatus: response.status,
                                       message: "\(account): \(action) refused the credentials (\(code): \(reason))")
        case "account.NO_SUCH_ACCOUNT", "mail.NO_SUCH_FOLDER":
            return CalendarTargetError(code: .accountNotFound, isTransient: false, httpStatus: response.status,
                                       message: "\(account): \(action): \(code): \(reason)")
        default:
            return CalendarTargetError(code: .refused, isTransient: false, httpStatus: response.status,
                                       message: "\(account): \(action): \(code): \(reason)")
        }
    }
}
