import ArgumentParser
import Importer

/// The root command.
@main
struct Calimport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calimport",
        abstract: "Import per-account iCalendar exports into a calendar server, through a PostgreSQL job queue.",
        discussion: """
            Without --database-url, database.url of the configuration or DATABASE_URL, calimport \
            uses its own PostgreSQL cluster under its state directory (home of the configuration, \
            CALIMPORT_HOME; default ./.calimport), created and started on demand.

            Everything that is not a per-run flag can live in a YAML file named by --config FILE \
            (every subcommand) or CALIMPORT_CONFIG, examples in Config/; each key is overridden by \
            its CALIMPORT_<SECTION>_<KEY> variable, and that by the flag (see \
            `calimport config check --help`).

            Target credentials come from the environment or from files of mode 0600 \
            (CALIMPORT_TARGET_USER, CALIMPORT_TARGET_PASSWORD[_FILE], \
            CALIMPORT_ZIMBRA_PREAUTH_KEY[_FILE], CALIMPORT_BLUEMIND_API_KEY[_FILE], or the \
            configuration's target.user, target.password_file, zimbra.preauth_key_file, \
            bluemind.api_key_file), never from the command line.
            """,
        version: CalimportVersion.current,
        subcommands: [
            RunCommand.self, CheckCommand.self, SubmitCommand.self, WorkCommand.self,
            StatusCommand.self, JobsCommand.self, FailuresCommand.self, WorkersCommand.self, ReportCommand.self,
            PauseCommand.self, ResumeCommand.self, CancelCommand.self, RetryCommand.self, BatchCommand.self,
            DatabaseCommand.self, ConfigCommand.self, ICSCommand.self, GenerateCommand.self, SandboxCommand.self,
        ]
    )
}
