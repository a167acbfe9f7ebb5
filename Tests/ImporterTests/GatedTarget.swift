import Foundation
import TestSupport

/// A CalDAV-shaped HTTP server (Python's standard library) that holds every request until the
/// test opens its gate, then answers 207 to PROPFIND and 201 to everything else: jobs pushing
/// to it stay running for as long as a test needs them to.
final class GatedTarget: @unchecked Sendable {
    private let process = Process()
    private let gate: URL
    let port: Int
    let source: URL

    static let script = """
        import http.server, os, sys, time
        gate = sys.argv[1]
        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self):
                length = int(self.headers.get('Content-Length') or 0)
                if length:
                    self.rfile.read(length)
                while not os.path.exists(gate):
                    time.sleep(0.02)
                self.send_response(207 if self.command == 'PROPFIND' else 201)
                self.send_header('Content-Length', '0')
                self.send_header('Connection', 'close')
                self.end_headers()
                self.close_connection = True
            do_PROPFIND = do_PUT = do_MKCALENDAR = do_GET = do_DELETE = answer
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    static let calendar = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//test//EN\r
        BEGIN:VEVENT\r
        UID:lifecycle-1\r
        DTSTAMP:20250101T000000Z\r
        DTSTART:20250301T100000Z\r
        DTEND:20250301T110000Z\r
        SUMMARY:Kept\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    /// Starts the server (gate closed) and writes `accounts` calendar files into a source directory.
    init(accounts: [String]) throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("calimport-gated-" + String(UInt32.random(in: 0...UInt32.max), radix: 36))
        source = base.appendingPathComponent("src")
        gate = base.appendingPathComponent("gate")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        for account in accounts {
            try Data(Self.calendar.utf8).write(to: source.appendingPathComponent(account + ".ics"))
        }
        let scriptFile = base.appendingPathComponent("server.py")
        try Data(Self.script.utf8).write(to: scriptFile)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [scriptFile.path, gate.path]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestEnvironmentError("gated target did not start: \(line)")
        }
        self.port = port
    }

    deinit { stop() }

    /// Stops the server (each test calls it, so no server outlives its test).
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)  // SIGTERM may be inherited as ignored
        process.waitUntilExit()
    }

    /// The target URL for `submit`.
    var url: String { "caldav+http://127.0.0.1:\(port)/{account}/calendar/" }

    /// Lets every held and future request through.
    func open() throws {
        try Data().write(to: gate)
    }

    /// The submit command for this source and target into `batch`.
    func submitArguments(batch: String) -> [String] {
        ["submit", "--batch", batch, "--source", source.path, "--target", url]
    }
}
