/// Builds the text of one flat JSON object, key by key. The claim loop encodes every outcome
/// of every turn: Foundation's `JSONEncoder` took a quarter of a one-slot worker's CPU (perf,
/// queue benchmark), this a small fraction of it.
struct JSONObjectText {
    private var text: String
    private var isEmpty = true

    init() {
        text = "{"
        text.reserveCapacity(384)  // an outcome without item errors fits: no regrowth
    }

    /// Adds `"key": value` (`null` for nil).
    mutating func add(_ key: String, _ value: Int?) {
        addRaw(key, value.map(String.init) ?? "null")
    }

    /// Adds `"key": value`; a value JSON cannot carry (NaN, infinity) is written as 0.
    mutating func add(_ key: String, _ value: Double) {
        addRaw(key, value.isFinite ? value.description : "0")
    }

    /// Adds `"key": true|false`.
    mutating func add(_ key: String, _ value: Bool) {
        addRaw(key, value ? "true" : "false")
    }

    /// Adds `"key": "value"` (`null` for nil).
    mutating func add(_ key: String, _ value: String?) {
        addRaw(key, value.map(Self.quoted) ?? "null")
    }

    /// Adds `"key": json`, where `json` already is JSON text.
    mutating func addRaw(_ key: String, _ json: String) {
        if !isEmpty { text += "," }
        isEmpty = false
        text += Self.quoted(key)
        text += ":"
        text += json
    }

    /// The object's text.
    var finished: String { text + "}" }

    /// `value` as a JSON string. NUL becomes U+FFFD: PostgreSQL's jsonb refuses `\u0000` in
    /// text, and one such message (say, from a binary file) must not stop a whole turn's record.
    static func quoted(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            return "\"" + value + "\""  // the usual case: nothing to escape
        }
        var result = "\""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{0}": result.unicodeScalars.append("\u{FFFD}")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
