import ArgumentParser
import Logging

/// `--log-level LEVEL`: one of swift-log's levels, in any case; any other word is refused
/// while the command line is parsed (exit 64, naming the flag and the levels), as `log.level`
/// of the configuration is.
extension Logger.Level: @retroactive ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
