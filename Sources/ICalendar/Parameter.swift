/// One property parameter, e.g. `TZID=Europe/Berlin` or `MEMBER="mailto:a@x","mailto:b@x"`.
public struct Parameter: Sendable, Equatable {
    /// The parameter name, uppercased.
    public var name: String
    /// The comma-separated values, without surrounding quotes.
    public var values: [String]
    /// For each of `values`, whether it was written in double quotes (kept so output is exact).
    public var quoted: [Bool]

    /// Creates a parameter; `quoted` defaults to "not quoted" for every value.
    public init(name: String, values: [String], quoted: [Bool]? = nil) {
        self.name = name.uppercased()
        self.values = values
        self.quoted = quoted ?? Array(repeating: false, count: values.count)
    }

    /// The values joined by commas, without quotes (the whole value for a single-valued parameter).
    public var value: String {
        values.count == 1 ? values[0] : values.joined(separator: ",")
    }
}
