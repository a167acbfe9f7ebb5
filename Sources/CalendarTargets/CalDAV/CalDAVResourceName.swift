/// The resource name of an item in a CalDAV collection, derived from its UID so that every
/// attempt of every worker (and every later run) PUTs the same item to the same name.
///
/// The rule, from what real servers accept (measured against Radicale 3.9 and Xandikos with
/// every printable ASCII character): servers decode the name and store it as a file name, so
/// a name is refused once decoded when it holds `/` (both: a path), `\` (Xandikos), or
/// `"`, `'`, `*`, `,`, `:`, `?`, a control character or a leading `.` (Radicale). A UID with
/// none of these is sent as it always was: `<uid>.ics`, every byte outside `A-Z a-z 0-9 - _ .`
/// percent-encoded (so names of UIDs that were accepted before do not change and a re-run
/// finds them). Any other UID — and one that is empty or whose encoding would exceed 180
/// bytes — becomes `uid-<64-bit FNV-1a hex of the UID's UTF-8>.ics`, which every server accepts.
public enum CalDAVResourceName {
    /// The resource name for `uid` (see the type's rule).
    public static func forUID(_ uid: String) -> String {
        var encoded = ""
        for byte in uid.utf8 {
            if isRefusedDecoded(byte) { return hashed(uid) }
            if isSafe(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        if encoded.utf8.count > 180 || encoded.isEmpty || encoded.hasPrefix(".") { return hashed(uid) }
        return encoded + ".ics"
    }

    /// `uid-<64-bit FNV-1a hex>.ics`.
    private static func hashed(_ uid: String) -> String {
        "uid-" + String(fnv1a(uid), radix: 16) + ".ics"
    }

    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    /// A byte that, percent-encoded in the name, a real server decodes and refuses.
    private static func isRefusedDecoded(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || "/\\\"'*,:?".utf8.contains(byte)
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
