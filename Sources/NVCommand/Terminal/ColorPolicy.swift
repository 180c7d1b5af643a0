import Foundation

/// Whether text styles (the coloured prompt, red `error:`, lesson formulas) may be written to a
/// file descriptor: only to a terminal, never when `NO_COLOR` is set to a non-empty value
/// (no-color.org), and never to `TERM=dumb`, which shows escape sequences as garbage.
/// One rule for every part of the executable, as `CapabilityResolver` has for pictures.
enum ColorPolicy {
    static func allowed(fileDescriptor: Int32,
                        environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        allowed(isTerminal: isatty(fileDescriptor) != 0, environment: environment)
    }

    static func allowed(isTerminal: Bool, environment: [String: String]) -> Bool {
        isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
}
