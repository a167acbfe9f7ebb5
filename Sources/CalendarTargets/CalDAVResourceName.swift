/// The resource name of an item in a CalDAV collection, derived from its UID so that every
/// attempt of every worker PUTs the same item to the same name.
public enum CalDAVResourceName {
    /// `<uid>.ics` with every byte outside `A-Z a-z 0-9 - _ .` percent-encoded; a UID whose
    /// encoding would exceed 180 bytes becomes `uid-<64-bit FNV-1a hex of the UID>.ics`.
    public static func forUID(_ uid: String) -> String {
        var encoded = ""
        for byte in uid.utf8 {
            if isSafe(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        if encoded.utf8.count > 180 || encoded.isEmpty || encoded.hasPrefix(".") {
            return "uid-" + String(fnv1a(uid), radix: 16) + ".ics"
        }
        return encoded + ".ics"
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
