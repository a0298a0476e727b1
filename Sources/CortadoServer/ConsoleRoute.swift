import CortadoEngine
import Foundation
import HTTPTypes
import Hummingbird

/// Which console request a request is, if any (docs/architecture/console.md, "Routing on the shared port").
enum ConsoleRoute: Equatable {
    /// A page: every page answers the shell, whose router reads the path.
    case page
    /// A file under `/_console/`.
    case asset(String)
    /// `/_console/changes`, the change stream.
    case changes

    /// The first path segments of the console's pages.
    static let sections: Set<Substring> = [
        "state-machines", "executions", "callbacks", "buses", "logs", "functions", "tables", "buckets",
    ]

    init?(_ request: Request) {
        guard request.method == .get || request.method == .head else { return nil }
        let path = request.uri.path
        if path.hasPrefix("/_console/") {
            // No bucket name starts with "_": these paths are the console's whatever sent them.
            let rest = String(path.dropFirst("/_console/".count))
            self = rest == "changes" ? .changes : .asset(rest)
            return
        }
        guard Self.fromBrowser(request) else { return nil }
        if path == "/" {
            self = .page
            return
        }
        let first = path.dropFirst().split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard Self.sections.contains(first) else { return nil }
        self = .page
    }

    /// A browser asking for a page: it accepts HTML and signs nothing (an SDK's S3 call is signed, a
    /// presigned URL carries its signature in the query), and it names no virtual-hosted bucket.
    static func fromBrowser(_ request: Request) -> Bool {
        guard request.headers[.accept]?.contains("text/html") == true, request.headers[.authorization] == nil else { return false }
        if request.headers.contains(where: { $0.name.canonicalName.hasPrefix("x-amz-") }) { return false }
        let query = request.uri.query ?? ""
        if query.range(of: "X-Amz-Signature", options: .caseInsensitive) != nil || query.contains("Signature=") { return false }
        return S3Service.virtualHostBucket(request.head.authority ?? "") == nil
    }

    /// The values of one query parameter, percent-decoded (`+` as a space, as forms send it).
    static func queryValues(_ query: String, name: String) -> [String] {
        query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == name else { return nil }
            return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
    }
}
