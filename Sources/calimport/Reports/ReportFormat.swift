import ArgumentParser

/// The forms of a batch's report (`report --format`): CSV, JSON or one self-contained HTML page.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, json, html
}
