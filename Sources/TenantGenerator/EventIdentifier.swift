/// Builds UIDs in the shapes real exports contain, unique across a tenant for one seed.
///
/// Uniqueness does not rely on luck: 64 bits of every UID are a bijection of
/// `(account, item)`, the rest is seed-derived noise that makes the UIDs look real.
struct EventIdentifier: Sendable {
    enum Shape: Sendable, CaseIterable {
        /// Exchange's Global Object ID: `040000008200E00074C5B7101A82E008…` in hex.
        case outlook
        /// `…@google.com`, 26 base32hex characters.
        case google
        /// A version 4 UUID, as Zimbra, Carbonio and many clients write.
        case uuid
    }

    let seed: UInt64

    /// The UID of item `item` of account `account` in the given shape.
    func uid(account: Int, item: Int, shape: Shape) -> String {
        let unique = SeededGenerator.finalize((UInt64(UInt32(truncatingIfNeeded: account)) << 32 | UInt64(UInt32(truncatingIfNeeded: item))) ^ seed)
        var counter = seed ^ unique
        let noise = SeededGenerator.splitMix(&counter)
        switch shape {
        case .outlook: return outlook(unique: unique, noise: noise)
        case .google: return google(unique: unique, noise: noise)
        case .uuid: return uuid(unique: unique, noise: noise)
        }
    }

    private func outlook(unique: UInt64, noise: UInt64) -> String {
        // Class ID, instance date (zero), creation time, reserved, size (16), 16 data bytes.
        "040000008200E00074C5B7101A82E008" + "00000000" + Self.hex(noise & 0x0000_FFFF_FFFF_FFFF | 0x01D9_0000_0000_0000, digits: 16)
            + "0000000000000000" + "10000000" + Self.hex(unique, digits: 16) + Self.hex(SeededGenerator.finalize(noise), digits: 16)
    }

    private func google(unique: UInt64, noise: UInt64) -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuv".utf8)
        var characters: [UInt8] = []
        var bits = unique
        for _ in 0..<13 {
            characters.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        characters[12] = alphabet[Int(unique >> 60) | Int(noise & 1) << 4]
        bits = noise
        for _ in 0..<13 {
            characters.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return String(decoding: characters, as: UTF8.self) + "@google.com"
    }

    private func uuid(unique: UInt64, noise: UInt64) -> String {
        let high = Self.hex(unique, digits: 16).lowercased()
        let low = Self.hex(noise, digits: 16).lowercased()
        let h = Array(high.utf8), l = Array(low.utf8)
        func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        let variant = "89ab".utf8.map { $0 }[Int(noise >> 62)]
        return text(h[0..<8]) + "-" + text(h[8..<12]) + "-4" + text(h[12..<15]) + "-"
            + String(decoding: [variant], as: UTF8.self) + text(h[15..<16]) + text(l[0..<2]) + "-" + text(l[2..<14])
    }

    /// Upper-case hexadecimal, zero-padded.
    static func hex(_ value: UInt64, digits: Int) -> String {
        let alphabet = Array("0123456789ABCDEF".utf8)
        var bytes = [UInt8](repeating: 0, count: digits)
        var rest = value
        for index in stride(from: digits - 1, through: 0, by: -1) {
            bytes[index] = alphabet[Int(rest & 15)]
            rest >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
