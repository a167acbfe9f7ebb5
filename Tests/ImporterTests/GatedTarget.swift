import Foundation
import TestSupport

/// A CalDAV-shaped HTTP server (Python's standard library) that answers its first
/// `answeredBeforeGate` requests and holds every later one until the test opens its gate, then
/// answers PROPFIND with a 207 saying the collection exists, and 201 to everything else: jobs pushing to it stay running for as
/// long as a test needs them to. It notes the method of every request as it arrives.
final class GatedTarget: @unchecked Sendable {
    private let process = Process()
    private let gate: URL
    private let received: URL
    let port: Int
    let source: URL

    static let script = """
        import http.server, os, sys, threading, time
        gate, received, answered_before_gate = sys.argv[1], sys.argv[2], int(sys.argv[3])
        lock = threading.Lock()
        arrived = 0
        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self):
                global arrived
                length = int(self.headers.get('Content-Length') or 0)
                if length:
                    self.rfile.read(length)
                with lock:
                    arrived += 1
                    number = arrived
                    with open(received, 'a') as log:
                        log.write(self.command + '\\n')
                while number > answered_before_gate and not os.path.exists(gate):
                    time.sleep(0.02)
                # PROPFIND: the collection exists (a 207 whose response holds a 200 propstat).
                body = b''
                if self.command == 'PROPFIND':
                    body = ('<?xml version="1.0" encoding="utf-8"?><multistatus xmlns="DAV:"><response><href>' + self.path
                            + '</href><propstat><prop><resourcetype><collection/><calendar xmlns="urn:ietf:params:xml:ns:caldav"/>'
                            + '</resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>').encode()
                self.send_response(207 if self.command == 'PROPFIND' else 201)
                self.send_header('Content-Length', str(len(body)))
                self.send_header('Connection', 'close')
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True
            do_PROPFIND = do_PUT = do_MKCALENDAR = do_GET = do_DELETE = answer
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    /// A calendar of `events` one-hour events on 2025-03-01 and the days after it.
    static func calendar(events: Int) -> String {
        let header = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
        let body = (1...events).flatMap { number -> [String] in
            let day = Date(timeIntervalSince1970: 1_740_823_200 + Double(number - 1) * 86_400)  // 2025-03-01T10:00:00Z, then daily
            let start = Self.stamp(day), end = Self.stamp(day.addingTimeInterval(3600))
            return ["BEGIN:VEVENT", "UID:lifecycle-\(number)", "DTSTAMP:20250101T000000Z", "DTSTART:\(start)", "DTEND:\(end)",
                    "SUMMARY:Kept", "END:VEVENT"]
        }
        return (header + body + ["END:VCALENDAR"]).map { $0 + "\r\n" }.joined()
    }

    private static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    /// Starts the server (gate closed, answering its first `answeredBeforeGate` requests) and
    /// writes `accounts` calendar files of `eventsPerAccount` events into a source directory.
    init(accounts: [String], eventsPerAccount: Int = 1, answeredBeforeGate: Int = 0) throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("calimport-gated-" + String(UInt32.random(in: 0...UInt32.max), radix: 36))
        source = base.appendingPathComponent("src")
        gate = base.appendingPathComponent("gate")
        received = base.appendingPathComponent("received")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        let calendar = Data(Self.calendar(events: eventsPerAccount).utf8)
        for account in accounts {
            try calendar.write(to: source.appendingPathComponent(account + ".ics"))
        }
        let scriptFile = base.appendingPathComponent("server.py")
        try Data(Self.script.utf8).write(to: scriptFile)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [scriptFile.path, gate.path, received.path, String(answeredBeforeGate)]
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

    /// How many `method` requests have arrived so far (answered or held).
    func received(_ method: String) -> Int {
        guard let data = FileManager.default.contents(atPath: received.path) else { return 0 }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").filter { $0 == method }.count
    }

    /// The submit command for this source and target (with `targetOptions`, e.g. `?parallel=1`) into `batch`.
    func submitArguments(batch: String, targetOptions: String = "") -> [String] {
        ["submit", "--batch", batch, "--source", source.path, "--target", url + targetOptions]
    }
}
