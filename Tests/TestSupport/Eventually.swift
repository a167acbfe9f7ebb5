import Foundation

/// Waits until `condition` holds, checking every 20 ms, for at most `timeout` seconds; returns
/// whether it held. Tests wait on conditions, never on fixed sleeps.
public func eventually(timeout: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.02)
    }
    return try condition()
}
