import ArgumentParser
import CalendarTargets

/// `--mode`, `--folder` and `--invitations` of `submit` and `run`: how a batch treats what the
/// target already holds, and the two target options that have flags of their own.
///
/// The mode has no configuration key: the flag, else `merge`. `--folder` and `--invitations`
/// set the `folder` and `invitations` options of the target URL, which itself comes from
/// `--target`, else `target.url` of the configuration (`CALIMPORT_TARGET_URL`, else the file):
/// a flag given here wins over the same option in that URL's query, which wins over the
/// connector's default. Unknown words are refused while the command line is parsed (exit 64,
/// naming the flag), the same way by both commands.
struct ImportOptions: ParsableArguments {
    @Option(name: .long, help: "What happens to what the calendar already holds: merge adds and updates by UID, skip-existing leaves existing UIDs alone, replace leaves exactly the window.")
    var mode: ImportMode = .merge

    @Option(name: .long, help: "Zimbra/Carbonio folder to import into (default Calendar); stored in the target URL.")
    var folder: String?

    @Option(name: .long, help: "CalDAV scheduling: client (SCHEDULE-AGENT=CLIENT, no invitations; the connector's default) or server (the server's default); stored in the target URL.")
    var invitations: Invitations?

    /// `target` with `--folder` and `--invitations`, when given, set in its query.
    func applied(to target: TargetURL) -> TargetURL {
        var target = target
        if let folder { target = target.setting("folder", to: folder) }
        if let invitations { target = target.setting("invitations", to: invitations.rawValue) }
        return target
    }
}
