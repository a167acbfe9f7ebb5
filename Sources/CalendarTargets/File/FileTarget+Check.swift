import Foundation
import Logging

extension FileTarget: TargetCheck {
    /// The output directory exists and is writable (or can be created: its nearest existing
    /// ancestor is writable); with `account`, whether its file is already there. Writes nothing.
    public func check(account: String?, logger: Logger) throws -> [String] {
        var verified: [String] = []
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw unusable("\(directory.path) is not a directory") }
            guard access(directory.path, W_OK) == 0 else { throw unusable("\(directory.path) is not writable") }
            verified.append("\(directory.path) exists and is writable")
        } else {
            var ancestor = directory.deletingLastPathComponent()
            while !FileManager.default.fileExists(atPath: ancestor.path) && ancestor.path != "/" {
                ancestor.deleteLastPathComponent()
            }
            guard access(ancestor.path, W_OK) == 0 else {
                throw unusable("\(directory.path) does not exist and \(ancestor.path) is not writable")
            }
            verified.append("\(directory.path) does not exist yet and will be created (\(ancestor.path) is writable)")
        }
        if let account {
            let file = directory.appendingPathComponent(account + ".ics")
            let exists = FileManager.default.fileExists(atPath: file.path)
            verified.append("\(account): \(file.path) \(exists ? "exists and will be replaced" : "will be written")")
        }
        return verified
    }

    private func unusable(_ reason: String) -> CalendarTargetError {
        CalendarTargetError(code: .fileSystem, isTransient: false, message: "target file://\(directory.path): \(reason)")
    }
}
