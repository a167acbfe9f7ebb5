/// One component exactly as read: its name, its content lines (unfolded, in order) and its
/// sub-components (`VALARM` inside `VEVENT`, `STANDARD`/`DAYLIGHT` inside `VTIMEZONE`).
///
/// Equality compares content only (name, properties, sub-components), not ``line``: the same
/// component read from two places is equal.
public struct Component: Sendable, Equatable {
    /// The component name, uppercased: `"VEVENT"`, `"VTODO"`, `"VTIMEZONE"`, `"VALARM"`, …
    public var name: String { didSet { verbatim = nil } }
    /// The properties in file order.
    public var properties: [Property] { didSet { verbatim = nil } }
    /// The sub-components in file order.
    public var components: [Component] { didSet { verbatim = nil } }
    /// The 1-based physical line of its `BEGIN:` (0 when built in code).
    public var line: Int
    /// The bytes a top-level component was read from, from `BEGIN` to `END` with their CRLFs,
    /// when they are valid iCalendar as they stand (``VerbatimBytes``): written out as they are
    /// instead of re-serialized. Any change to the component drops them.
    var verbatim: [UInt8]?

    /// Creates a component.
    public init(name: String, properties: [Property] = [], components: [Component] = [], line: Int = 0) {
        self.name = name.uppercased()
        self.properties = properties
        self.components = components
        self.line = line
    }

    /// The first property called `name` (case-insensitive), if any.
    public func first(_ name: String) -> Property? {
        let key = name.uppercased()
        return properties.first { $0.name == key }
    }

    /// All properties called `name` (case-insensitive), in file order.
    public func all(_ name: String) -> [Property] {
        let key = name.uppercased()
        return properties.filter { $0.name == key }
    }

    public static func == (lhs: Component, rhs: Component) -> Bool {
        lhs.name == rhs.name && lhs.properties == rhs.properties && lhs.components == rhs.components
    }
}
