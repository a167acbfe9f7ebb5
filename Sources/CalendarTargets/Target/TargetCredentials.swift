import Foundation
import HTTPTransport

/// Credentials for a target: the basic-auth credentials a request carries, read from the
/// environment or from a file the environment names; never from the command line, never
/// stored, never logged.
///
/// - `CALIMPORT_TARGET_USER`: the user name.
/// - `CALIMPORT_TARGET_PASSWORD`: the password, or
/// - `CALIMPORT_TARGET_PASSWORD_FILE`: a file holding it (first line); refused unless its mode is 0600 or 0400.
public typealias TargetCredentials = HTTPRequest.Credentials

extension TargetCredentials {
    /// Reads the credentials; nil when no user is set.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TargetCredentials? {
        guard let user = environment["CALIMPORT_TARGET_USER"], !user.isEmpty else { return nil }
        return TargetCredentials(user: user, password: try secret("CALIMPORT_TARGET_PASSWORD", environment: environment) ?? "")
    }

    /// The secret in `NAME_FILE` (a file, mode 0600/0400 checked, first line) or else in `NAME`;
    /// nil when neither is set.
    public static func secret(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        if let path = environment[name + "_FILE"], !path.isEmpty { return try readPasswordFile(path) }
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    static func readPasswordFile(_ path: String) throws -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue else {
            throw CalendarTargetError(code: .invalidTarget, isTransient: false, message: "password file \(path) cannot be read")
        }
        guard mode & 0o077 == 0 else {
            throw CalendarTargetError(code: .invalidTarget, isTransient: false,
                                      message: "password file \(path) is readable by others (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        return String(contents.split(whereSeparator: \.isNewline).first ?? "")
    }
}
