import ArgumentParser
import JobQueue

/// `--state pending|running|succeeded|partial|failed|cancelled`: the operator's view of an
/// account, read by its raw value; any other word is refused (exit 64, naming the flag and the
/// six values).
extension AccountState: ExpressibleByArgument {}
