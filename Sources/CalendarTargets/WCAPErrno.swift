/// What a WCAP `X-NSCP-WCAP-ERRNO` value means for an import (Calendar Server WCAP
/// Developer's Guide, error codes table).
enum WCAPErrno {
    /// How calimport reacts to an errno.
    enum Reaction: Equatable {
        case success
        /// The session expired or is invalid: log in again.
        case relogin
        case failure(CalendarTargetError.Code, transient: Bool, meaning: String)
    }

    static func reaction(to errno: Int) -> Reaction {
        switch errno {
        case 0, -1, 2: return .success
        case 1: return .relogin
        case 28: return .failure(.unauthorized, transient: false, meaning: "ACCESS_DENIED_TO_CALENDAR")
        case 29: return .failure(.accountNotFound, transient: false, meaning: "CALENDAR_DOES_NOT_EXIST")
        case 30: return .failure(.accountNotFound, transient: false, meaning: "ILLEGAL_CALID_NAME")
        case 34: return .failure(.refused, transient: false, meaning: "CALENDAR_DISABLED")
        case 38: return .failure(.refused, transient: false, meaning: "CALID_NOT_SPECIFIED")
        case 77: return .failure(.refused, transient: false, meaning: "BAD_IMPORT_ARGUMENTS")
        case 14, 15, 35: return .failure(.serverError, transient: true, meaning: "store or import write failed")
        default: return .failure(.serverError, transient: true, meaning: "server error")
        }
    }
}
