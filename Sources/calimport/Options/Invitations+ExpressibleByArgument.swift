import ArgumentParser
import CalendarTargets

/// `--invitations client|server`: the connector's own choice (see ``Invitations``), read by its
/// raw value; any other word is refused (exit 64, naming the flag and the two values).
extension Invitations: ExpressibleByArgument {}
