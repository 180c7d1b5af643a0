import Foundation
import Interpreter

/// The real terminal: writes go to stdout, keys and query replies are read from the
/// controlling terminal (`/dev/tty`, so it works when stdin is a pipe), with `poll` for timeouts.
public final class TTYPort: TerminalPort {
    /// Descriptor of the controlling terminal for input, or -1 when there is none.
    public let inputDescriptor: Int32
    private let ownsInput: Bool
    /// True while this port holds the keyboard mode (another port, e.g. the doctor's, must
    /// not restore it when it goes away).
    private var inKeyMode = false

    /// Opens the controlling terminal for reading; without one, reading returns nothing.
    public init() {
        let descriptor = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        if descriptor >= 0 {
            inputDescriptor = descriptor
            ownsInput = true
        } else {
            inputDescriptor = isatty(STDIN_FILENO) == 1 ? STDIN_FILENO : -1
            ownsInput = false
        }
    }

    deinit {
        if inKeyMode { KeyboardMode.restore() }
        if ownsInput { close(inputDescriptor) }
    }

    /// True when stdout is a terminal.
    public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    public func write(_ bytes: [UInt8]) {
        // Text other code printed through stdio must come out first.
        fflush(nil)
        bytes.withUnsafeBytes { buffer in
            guard let start = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(STDOUT_FILENO, start + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && (errno == EINTR || errno == EAGAIN) {
                    if errno == EAGAIN { waitUntilWritable() }
                } else {
                    return
                }
            }
        }
    }

    public func readAvailableInput() -> [UInt8] {
        read(timeoutMilliseconds: 0)
    }

    /// Reads what is available, waiting up to `timeoutMilliseconds` for the first byte.
    public func read(timeoutMilliseconds: Int32) -> [UInt8] {
        guard inputDescriptor >= 0 else { return [] }
        var descriptor = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, timeoutMilliseconds) > 0,
              descriptor.revents & Int16(POLLIN) != 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes {
            Foundation.read(inputDescriptor, $0.baseAddress, $0.count)
        }
        return count > 0 ? Array(buffer[..<count]) : []
    }

    public func enterKeyMode() {
        guard inputDescriptor >= 0, !KeyboardMode.isActive else { return }
        inKeyMode = KeyboardMode.enter(descriptor: inputDescriptor)
    }

    public func leaveKeyMode() {
        guard inKeyMode else { return }
        KeyboardMode.restore()
        inKeyMode = false
    }

    public func windowSize() -> WindowSize? {
        var size = winsize()
        for descriptor in [STDOUT_FILENO, inputDescriptor] where descriptor >= 0 {
            if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
                return WindowSize(columns: Int(size.ws_col), rows: Int(size.ws_row),
                                  pixelWidth: Int(size.ws_xpixel), pixelHeight: Int(size.ws_ypixel))
            }
        }
        return nil
    }

    public func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    public func resumeCount() -> Int { Suspension.shared.resumes }

    public func pause(seconds: Double) {
        guard seconds > 0 else { return }
        usleep(useconds_t(seconds * 1_000_000))
    }

    private func waitUntilWritable() {
        var descriptor = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
        _ = poll(&descriptor, 1, 100)
    }
}
