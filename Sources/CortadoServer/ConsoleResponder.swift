import CortadoEngine
import CortadoJSON
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle

/// The console on the shared port (docs/architecture/console.md): its pages, its files and its change
/// stream. It takes only what is clearly the console's, and hands everything else (AWS JSON, Lambda, S3)
/// to `inner`.
public struct ConsoleResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == BasicRequestContext {
    let inner: Inner
    let assets: ConsoleAssets
    let changes: ChangeFeed

    public init(inner: Inner, assets: ConsoleAssets, changes: ChangeFeed) {
        self.inner = inner
        self.assets = assets
        self.changes = changes
    }

    public func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        switch ConsoleRoute(request) {
        case nil: return try await inner.respond(to: request, context: context)
        case .page: return file("index.html", request)
        case .asset(let path): return file(path, request)
        case .changes: return changeStream(request)
        }
    }

    func file(_ path: String, _ request: Request) -> Response {
        guard let (bytes, contentType) = assets.file(path) else {
            return Self.text(.notFound, "There is no console file \(path).")
        }
        let etag = ConsoleAssets.etag(bytes)
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-cache"
        headers[.eTag] = etag
        if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: headers) }
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }

    // MARK: - The change stream

    /// Topics one stream may watch at most, and the longest topic.
    static var maxTopics: Int { 50 }
    static var maxTopicLength: Int { 2100 }

    /// `GET /_console/changes?topic=…`: server-sent events, one `change` per topic that changed, at most
    /// every 250 ms, and a comment every 15 s so that proxies keep the connection. Ends when the client
    /// goes or the server shuts down.
    func changeStream(_ request: Request) -> Response {
        let topics = ConsoleRoute.queryValues(request.uri.query ?? "", name: "topic")
        if topics.isEmpty || topics.count > Self.maxTopics || topics.contains(where: { $0.isEmpty || $0.utf8.count > Self.maxTopicLength })
        {
            return Self.text(
                .badRequest,
                "Name 1 to \(Self.maxTopics) topics, each 1 to \(Self.maxTopicLength) bytes: /_console/changes?topic=executions")
        }
        let stream = changes.subscribe(Set(topics))
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let body = ResponseBody { writer in
            let pending = PendingTopics()
            let reader = Task {
                for await topic in stream { pending.add(topic) }
            }
            defer { reader.cancel() }
            try await writer.write(ByteBuffer(string: "retry: 2000\n: watching \(topics.count) topics\n\n"))
            var quietTicks = 0
            while !Task.isCancelled, !Task.isShuttingDownGracefully {
                try await Task.sleep(for: .milliseconds(250))
                let changed = pending.take()
                if changed.isEmpty {
                    quietTicks += 1
                    if quietTicks >= 60 {
                        quietTicks = 0
                        try await writer.write(ByteBuffer(string: ": still here\n\n"))
                    }
                    continue
                }
                quietTicks = 0
                var text = ""
                for topic in changed { text += "event: change\ndata: \(JSON.object(["topic": .string(topic)]).text)\n\n" }
                try await writer.write(ByteBuffer(string: text))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
