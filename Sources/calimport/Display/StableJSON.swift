import Foundation

/// The JSON that `status`, `jobs`, `failures` and `workers` print with `--json` (one object per
/// line) and `report --format json` prints pretty: keys sorted, slashes not escaped, dates in
/// ISO 8601, so that scripts can rely on it.
enum StableJSON {
    /// A new encoder with these settings.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// `value` as one line of JSON.
    static func line(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
