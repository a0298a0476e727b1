import Foundation

/// The console's static files (`Sources/CortadoServer/Console`, docs/architecture/console.md): from the
/// target's resource bundle, or from `CORTADO_CONSOLE_DIR` when set (edit a page, reload, no rebuild).
public struct ConsoleAssets: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The bundled files, or the folder `CORTADO_CONSOLE_DIR` names.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ConsoleAssets {
        if let dir = environment["CORTADO_CONSOLE_DIR"], !dir.isEmpty {
            return ConsoleAssets(directory: URL(fileURLWithPath: dir, isDirectory: true))
        }
        return ConsoleAssets(directory: Bundle.module.resourceURL!.appendingPathComponent("Console", isDirectory: true))
    }

    /// A file's bytes and media type; nil for a path outside the console's files or one that is not there.
    /// `path` is relative (`pages/execution.js`): segments of letters, digits, `.`, `-` and `_`, none
    /// starting with a dot.
    public func file(_ path: String) -> (bytes: [UInt8], contentType: String)? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.isEmpty,
            segments.allSatisfy({ s in
                !s.isEmpty && !s.hasPrefix(".") && s.utf8.allSatisfy { Self.isNameByte($0) }
            })
        else { return nil }
        let url = directory.appendingPathComponent(path)
        guard let contentType = Self.contentTypes[url.pathExtension.lowercased()],
            let data = FileManager.default.contents(atPath: url.path)
        else { return nil }
        return ([UInt8](data), contentType)
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "json": "application/json",
    ]

    /// An entity tag for a file's bytes (FNV-1a, 64 bits): pages revalidate, unchanged files answer 304.
    static func etag(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            hash ^= UInt64(b)
            hash = hash &* 0x100_0000_01b3
        }
        return "\"\(String(hash, radix: 16))\""
    }
}
