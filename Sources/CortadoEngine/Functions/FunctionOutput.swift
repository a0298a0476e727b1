import Foundation
import Synchronization

/// What a function process writes to standard output and error (one pipe for both, so their order is
/// kept), read into lines as it arrives and whenever the instance asks (`pump`), so that the lines a
/// runtime flushed before posting its result are attributed to that invocation.
final class FunctionOutput: Sendable {
    /// A line longer than this is cut (AWS cuts log events at 256 KB).
    static let maxLine = 256 * 1024

    private struct State {
        var partial: [UInt8] = []
        var lines: [(timestamp: Int64, message: String)] = []
        var closed = false
    }

    private let fd: Int32
    private let state = Mutex(State())
    nonisolated(unsafe) private let source: any DispatchSourceRead
    private let clock: @Sendable () -> Int64

    /// Takes ownership of the pipe's read end.
    init(fileDescriptor fd: Int32, clock: @escaping @Sendable () -> Int64) {
        self.fd = fd
        self.clock = clock
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: DispatchQueue.global())
        source.setEventHandler { [weak self] in self?.pump() }
        source.setCancelHandler { close(fd) }
        source.resume()
    }

    /// Reads whatever the pipe holds now, without waiting.
    func pump() {
        state.withLock { s in
            guard !s.closed else { return }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    split(buffer[0..<n], into: &s)
                } else if n == 0 {
                    // End of file: the process has closed its side.
                    if !s.partial.isEmpty { emit(&s) }
                    s.closed = true
                    source.cancel()
                    return
                } else {
                    if errno == EINTR { continue }
                    return
                }
            }
        }
    }

    /// The lines read since the last call.
    func take() -> [(timestamp: Int64, message: String)] {
        state.withLock { s in
            defer { s.lines.removeAll(keepingCapacity: true) }
            return s.lines
        }
    }

    /// Stops reading (the process is gone); the lines still buffered stay for `take`.
    func finish() {
        pump()
        state.withLock { s in
            if !s.partial.isEmpty { emit(&s) }
            if !s.closed {
                s.closed = true
                source.cancel()
            }
        }
    }

    private func split(_ bytes: ArraySlice<UInt8>, into s: inout State) {
        var start = bytes.startIndex
        for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
            s.partial += bytes[start..<i]
            emit(&s)
            start = i + 1
        }
        s.partial += bytes[start...]
        if s.partial.count > Self.maxLine { emit(&s) }
    }

    private func emit(_ s: inout State) {
        var line = s.partial.count > Self.maxLine ? Array(s.partial.prefix(Self.maxLine)) : s.partial
        s.partial.removeAll(keepingCapacity: true)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        // The Node bootstrap writes one console call as one line, its newlines turned into \r.
        for i in line.indices where line[i] == UInt8(ascii: "\r") { line[i] = UInt8(ascii: "\n") }
        s.lines.append((clock(), String(decoding: line, as: UTF8.self)))
    }
}
