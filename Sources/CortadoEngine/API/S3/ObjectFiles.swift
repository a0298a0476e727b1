import CortadoLanguage
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The object directory: each object (and each uploaded part) is one immutable file
/// `data/<2 hex>/<uuid>`, written as `tmp/<uuid>`, synced, renamed into place and the directory synced,
/// before its metadata is committed. Files are never changed once in place, so a copy is a hard link.
struct ObjectFiles: Sendable {
    let root: URL

    var tmp: URL { root.appendingPathComponent("tmp", isDirectory: true) }

    func url(_ name: String) -> URL { root.appendingPathComponent("data").appendingPathComponent(name) }

    /// Creates the directories and removes temporary files of writes a crash or a failure cut short.
    func prepare() throws {
        let fm = FileManager.default
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
        for name in (try? fm.contentsOfDirectory(atPath: tmp.path)) ?? [] {
            try? fm.removeItem(at: tmp.appendingPathComponent(name))
        }
    }

    /// Starts a write: a new temporary file.
    func begin() throws -> ObjectWriter {
        let fm = FileManager.default
        if !fm.fileExists(atPath: tmp.path) { try prepare() }
        let temp = tmp.appendingPathComponent(UUID().uuidString.lowercased())
        guard fm.createFile(atPath: temp.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temp.path])
        }
        return ObjectWriter(files: self, temp: temp, handle: try FileHandle(forWritingTo: temp))
    }

    /// Moves a finished temporary file into place; returns its name. Durable when this returns.
    func place(_ temp: URL) throws -> String {
        let id = UUID().uuidString.lowercased()
        let name = String(id.prefix(2)) + "/" + id
        let target = url(name)
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard rename(temp.path, target.path) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        Self.syncDirectory(folder)
        return name
    }

    /// A second name for an existing file (CopyObject): objects are immutable, so they may share bytes.
    func link(_ name: String) throws -> String {
        let id = UUID().uuidString.lowercased()
        let copy = String(id.prefix(2)) + "/" + id
        let target = url(copy)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.linkItem(at: url(name), to: target)
        Self.syncDirectory(target.deletingLastPathComponent())
        return copy
    }

    func remove(_ name: String) {
        try? FileManager.default.removeItem(at: url(name))
    }

    func reader(_ name: String) throws -> FileHandle {
        try FileHandle(forReadingFrom: url(name))
    }

    static func syncDirectory(_ url: URL) {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

/// One object being written: bytes go to the temporary file in 1 MiB writes, through MD5 and CRC-32.
final class ObjectWriter {
    let files: ObjectFiles
    let temp: URL
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var size: Int64 = 0
    private var md5 = MD5Stream()
    private var crc = CRC32Stream()
    private var done = false

    init(files: ObjectFiles, temp: URL, handle: FileHandle) {
        self.files = files
        self.temp = temp
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ bytes: some Collection<UInt8>) throws {
        size += Int64(bytes.count)
        if size > S3Service.maxObjectBytes { throw S3Error.entityTooLarge(limit: S3Service.maxObjectBytes) }
        md5.update(bytes)
        crc.update(bytes)
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes out and syncs the temporary file; the MD5 and CRC-32 of what was written.
    func seal() throws -> (md5: [UInt8], crc32: [UInt8]) {
        try flush()
        try handle.synchronize()
        try handle.close()
        done = true
        return (md5.finish(), crc.finish())
    }

    /// Moves the sealed file into place; its name.
    func place() throws -> String {
        try files.place(temp)
    }

    /// Drops the temporary file (a refused or failed upload).
    func discard() {
        if !done {
            try? handle.close()
            done = true
        }
        try? FileManager.default.removeItem(at: temp)
    }

    deinit {
        if !done {
            try? handle.close()
            try? FileManager.default.removeItem(at: temp)
        }
    }
}

/// Decodes an `aws-chunked` body (`<hex size>[;chunk-signature=…]\r\n<bytes>\r\n … 0…\r\n<trailers>\r\n`),
/// chunk by chunk as it arrives. Chunk signatures are not checked (header-signed requests are not).
struct AWSChunkedDecoder {
    private enum State {
        case header
        case data(remaining: Int)
        case dataEnd
        case trailer
        case done
    }

    private var state = State.header
    private var line: [UInt8] = []
    private(set) var trailers: [String: String] = [:]

    var finished: Bool { if case .done = state { true } else { false } }

    /// Feeds raw bytes; calls `emit` with decoded payload bytes.
    mutating func feed(_ bytes: [UInt8], _ emit: (ArraySlice<UInt8>) throws -> Void) throws {
        var i = 0
        while i < bytes.count {
            switch state {
            case .header, .trailer, .dataEnd:
                let c = bytes[i]
                i += 1
                if c == 10 {
                    if line.last == 13 { line.removeLast() }
                    try endLine()
                } else {
                    line.append(c)
                    if line.count > 8192 { throw Self.malformed }
                }
            case .data(let remaining):
                let n = min(remaining, bytes.count - i)
                try emit(bytes[i..<i + n])
                i += n
                state = remaining - n == 0 ? .dataEnd : .data(remaining: remaining - n)
            case .done:
                i = bytes.count
            }
        }
    }

    private mutating func endLine() throws {
        let text = String(decoding: line, as: UTF8.self)
        line.removeAll()
        switch state {
        case .header:
            let sizeText = text.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else { throw Self.malformed }
            state = size == 0 ? .trailer : .data(remaining: size)
        case .dataEnd:
            guard text.isEmpty else { throw Self.malformed }
            state = .header
        case .trailer:
            if text.isEmpty {
                state = .done
            } else if let colon = text.firstIndex(of: ":") {
                trailers[text[..<colon].lowercased()] = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        default: break
        }
    }

    static let malformed = S3Error("IncompleteBody", "The request body terminated unexpectedly")
}
