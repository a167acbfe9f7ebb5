extension Duration {
    /// The duration in seconds, fractions included: what SQL (`$n::float8 * interval '1 second'`),
    /// `poll()` and Dispatch deadlines take. The one conversion from the worker's `Duration`s.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
