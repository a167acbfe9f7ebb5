/// One property parameter, e.g. `TZID=Europe/Berlin` or `MEMBER="mailto:a@x","mailto:b@x"`.
public struct Parameter: Sendable, Equatable {
    /// The parameter name, uppercased.
    public var name: String
    /// The comma-separated values, without surrounding quotes.
    public var values: [String]
    /// For each of `values`, whether it was written in double quotes (kept so output is exact);
    /// shorter than `values` (empty, as the reader leaves it when nothing is quoted) means
    /// the values past its end are not quoted.
    public var quoted: [Bool]

    /// Creates a parameter; `quoted` defaults to "not quoted" for every value.
    public init(name: String, values: [String], quoted: [Bool]? = nil) {
        self.name = name.uppercased()
        self.values = values
        self.quoted = quoted ?? []
    }

    /// Whether value `index` was written in double quotes.
    public func isQuoted(_ index: Int) -> Bool {
        index < quoted.count && quoted[index]
    }

    /// Equal when names and values are equal and the same values are quoted (a missing
    /// `quoted` entry counts as "not quoted").
    public static func == (lhs: Parameter, rhs: Parameter) -> Bool {
        lhs.name == rhs.name && lhs.values == rhs.values
            && lhs.values.indices.allSatisfy { lhs.isQuoted($0) == rhs.isQuoted($0) }
    }

    /// The values joined by commas, without quotes (the whole value for a single-valued parameter).
    public var value: String {
        values.count == 1 ? values[0] : values.joined(separator: ",")
    }
}
