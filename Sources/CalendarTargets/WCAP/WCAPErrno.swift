/// What a WCAP `X-NSCP-WCAP-ERRNO` value means, and how calimport reacts to it. The table is the
/// Sun Java System Calendar Server 6 2005Q4 Developer's Guide, Table 6–3 "Error Names, Values,
/// and Meanings" (docs.oracle.com/cd/E19305-01/819-2434/auto35), as Mozilla's WCAP client
/// carries it (calendar/providers/wcap/calWcapErrors.js, `g_wcapErrorCodes`). Only documents
/// exist: no server code was read. Transient are only the server-side conditions that can pass
/// (store and database failures, the DWP back-end links, a read-only database); every other
/// documented failure is permanent, and so is an errno no document lists.
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
        case -1, 0: return .success  // LOGOUT, OK
        case 2: return .success  // LOGIN_OK_DEFAULT_CALENDAR_NOT_FOUND: login created the default calendar
        case 1: return .relogin  // LOGIN_FAILED: session timed out or invalid
        default:
            guard let entry = table[errno] else {
                return .failure(.serverError, transient: false, meaning: "an errno no WCAP document lists")
            }
            return .failure(entry.code, transient: entry.transient, meaning: entry.name)
        }
    }

    private typealias Entry = (name: String, code: CalendarTargetError.Code, transient: Bool)

    private static func permanent(_ name: String, _ code: CalendarTargetError.Code = .refused) -> Entry { (name, code, false) }
    private static func transient(_ name: String) -> Entry { (name, .serverError, true) }

    /// The documented failures (the guide's Table 6–3).
    private static let table: [Int: Entry] = [
        6: permanent("DELETE_EVENTS_BY_ID_FAILED"), 8: permanent("SETCALPROPS_FAILED"), 9: permanent("FETCH_EVENTS_BY_ID_FAILED"),
        10: permanent("CREATECALENDAR_FAILED"), 11: permanent("DELETECALENDAR_FAILED"), 12: permanent("ADDLINK_FAILED"),
        13: transient("FETCHBYDATERANGE_FAILED"), 14: transient("STOREEVENTS_FAILED"), 15: transient("STORETODOS_FAILED"),
        16: permanent("DELETE_TODOS_BY_ID_FAILED"), 17: permanent("FETCH_TODOS_BY_ID_FAILED"),
        18: permanent("FETCHCOMPONENTS_FAILED_BAD_TZID"), 19: permanent("SEARCH_CALPROPS_FAILED"), 20: transient("GET_CALPROPS_FAILED"),
        21: permanent("DELETECOMPONENTS_BY_RANGE_FAILED"), 22: permanent("DELETEEVENTS_BY_RANGE_FAILED"),
        23: permanent("DELETETODOS_BY_RANGE_FAILED"), 24: permanent("GET_ALL_TIMEZONES_FAILED"),
        25: permanent("CREATECALENDAR_ALREADY_EXISTS_FAILED"), 26: permanent("SET_USERPREFS_FAILED"), 27: permanent("CHANGE_PASSWORD_FAILED"),
        28: permanent("ACCESS_DENIED_TO_CALENDAR", .unauthorized), 29: permanent("CALENDAR_DOES_NOT_EXIST", .accountNotFound),
        // createcalendar.wcap only: an invalid calid was passed to it.
        30: permanent("ILLEGAL_CALID_NAME (createcalendar.wcap)"),
        31: permanent("CANNOT_MODIFY_LINKED_EVENTS"), 32: permanent("CANNOT_MODIFY_LINKED_TODOS"), 33: permanent("CANNOT_SEND_EMAIL"),
        34: permanent("CALENDAR_DISABLED"), 35: transient("WRITE_IMPORT_FAILED"), 36: permanent("FETCH_BY_LAST_MODIFIED_FAILED"),
        37: permanent("CAPI_NOT_SUPPORTED"), 38: permanent("CALID_NOT_SPECIFIED"), 39: permanent("GET_FREEBUSY_FAILED"),
        40: permanent("STORE_FAILED_DOUBLE_BOOKED"), 41: permanent("FETCH_BY_ALARM_RANGE_FAILED"),
        42: permanent("FETCH_BY_ATTENDEE_ERROR_FAILED"), 43: permanent("ATTENDEE_GROUP_EXPANSION_CLIPPED"),
        44: permanent("USERPREFS_ACCESS_DENIED", .unauthorized), 45: permanent("NOT_ALLOWED_TO_REQUEST_PUBLISH"),
        46: permanent("INSUFFICIENT_PARAMETERS"), 47: permanent("MUSTBEOWNER_OPERATION", .unauthorized),
        48: transient("DWP_CONNECTION_FAILED"), 49: transient("DWP_MAX_CONNECTION_REACHED"),
        50: transient("DWP_CANNOT_RESOLVE_CALENDAR"), 51: transient("DWP_BAD_DATA"), 52: permanent("BAD_COMMAND"),
        53: transient("NOT_FOUND (a write to the Berkeley DB failed)"),
        54: permanent("WRITE_IMPORT_CANT_EXPAND_CALID", .accountNotFound), 55: transient("GETTIME_FAILED"),
        56: permanent("FETCH_DELETEDCOMPONENTS_FAILED"), 57: permanent("FETCH_DELETEDCOMPONENTS_PARTIAL_RESULT"),
        58: permanent("NO_SUCH_FORMAT"), 59: permanent("COMPONENT_NOT_FOUND"),
        60: permanent("BAD_ARGUMENTS (an attendee or organizer without a valid email address)"),
        61: permanent("GET_USERPREFS_FAILED"), 62: permanent("MODIFY_NO_EVENT"), 63: permanent("CREATE_EXISTS"),
        64: transient("MODIFY_CANT_MAKE_COPY"), 65: permanent("STORE_FAILED_RECUR_SKIP"), 66: permanent("STORE_FAILED_RECUR_SAMEDAY"),
        67: permanent("BAD_ORG_ARGUMENTS"), 68: permanent("STORE_FAILED_RECUR_PRIVACY"), 69: transient("LDAP_ERROR"),
        70: permanent("GET_INVITE_COUNT_FAILED"), 71: permanent("LIST_FAILED"), 72: permanent("LIST_SUBSCRIBED_FAILED"),
        73: permanent("SUBSCRIBE_FAILED"), 74: permanent("UNSUBSCRIBE_FAILED"), 75: permanent("ANONYMOUS_NOT_ALLOWED", .unauthorized),
        76: permanent("ACCESS_DENIED", .unauthorized), 77: permanent("BAD_IMPORT_ARGUMENTS"), 78: transient("READONLY_DATABASE"),
        79: permanent("ATTENDEE_NOT_ALLOWED_TO_REQUEST_ON_MODIFY"), 80: permanent("TRANSP_RESOURCE_NOT_ALLOWED"),
        81: permanent("RECURRING_COMPONENT_NOT_FOUND"), 82: permanent("BAD_MIME_TYPE"), 83: permanent("MISSING_BOUNDARY"),
        84: permanent("INVALID_ATTACHMENT"), 86: permanent("ATTACH_DELETE_PARTIAL"), 87: permanent("ATTACHMENT_NOT_FOUND"),
        11000: transient("CDWP_ERR_MAX_CONNECTION_REACHED"), 11001: transient("CDWP_ERR_CANNOT_CONNECT"),
        11002: transient("CDWP_ERR_CANNOT_RESOLVE_CALENDAR"), 11003: transient("CDWP_ERR_BAD_DATA"),
        11004: transient("CDWP_ERR_DWPHOST_CTX_DOES_NOT_EXIST"), 11005: transient("CDWP_ERR_HOSTNAME_NOT_RESOLVABLE"),
        11006: transient("CDWP_ERR_NO_DATA"), 11007: permanent("CDWP_ERR_AUTH_FAILED", .serverError),
        11008: permanent("CDWP_ERR_CHECKVERSION_FAILED", .serverError),
    ]
}
