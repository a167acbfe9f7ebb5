/// One content line of a component, as read: name, parameters and raw value.
public struct Property: Sendable, Equatable {
    /// The property name, uppercased.
    public var name: String
    /// The parameters in file order; values without surrounding quotes.
    public var parameters: [Parameter]
    /// The raw value text after the first unquoted `:`, escapes untouched.
    public var value: String

    /// Creates a property.
    public init(name: String, parameters: [Parameter] = [], value: String) {
        self.name = name.uppercased()
        self.parameters = parameters
        self.value = value
    }

    /// The value of the first parameter called `name` (case-insensitive), if any.
    public func parameter(_ name: String) -> String? {
        let key = name.uppercased()
        return parameters.first { $0.name == key }?.value
    }
}
