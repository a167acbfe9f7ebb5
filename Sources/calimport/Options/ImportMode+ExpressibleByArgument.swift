import ArgumentParser
import CalendarTargets

/// `--mode merge|skip-existing|replace`: ArgumentParser reads the mode by its raw value and
/// refuses any other word (exit 64, naming the flag and the three values).
extension ImportMode: ExpressibleByArgument {}
