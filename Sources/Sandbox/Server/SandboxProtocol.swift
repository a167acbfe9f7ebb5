/// The protocols a sandbox node speaks, as stats group them.
public enum SandboxProtocol: String, Sendable, CaseIterable, Codable {
    case caldav, zimbra, wcap, bluemind

    /// The protocol a request path belongs to; nil for the inspection endpoints and unknown paths.
    public init?(path: String) {
        if path.hasPrefix("/caldav/") { self = .caldav }
        else if path.hasPrefix("/service/") { self = .zimbra }
        else if path.hasSuffix(".wcap") { self = .wcap }
        else if path.hasPrefix("/api/") { self = .bluemind }
        else { return nil }
    }
}
