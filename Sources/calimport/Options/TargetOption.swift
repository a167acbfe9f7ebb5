import ArgumentParser
import CalendarTargets
import Settings

/// `--target URL` of `submit`, `run` and `check`: the flag, else `target.url` of the
/// configuration (`CALIMPORT_TARGET_URL`, else the file).
struct TargetOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Target URL: file:///DIR, caldav+http(s)://HOST:PORT/PATH/{account}/…, zimbra+https://HOST (or carbonio+…), wcap+https://HOST or bluemind+https://HOST (default: target.url of the configuration).",
        valueName: "url"))
    var target: String?

    /// The target to use; throws ``SettingsError`` when none is given anywhere, and
    /// ``CalendarTargetError`` when it is not a valid target URL.
    func resolve(_ settings: Settings) throws -> TargetURL {
        guard let text = try settings.resolve("target.url", flag: target, flagName: "--target") else {
            throw SettingsError(code: .missingValue, message: "no target: give --target URL or set target.url in the configuration")
        }
        return try TargetURL(text.value)
    }
}
