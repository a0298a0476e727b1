import NIOCore
import NIOHTTP1
import NIOPosix

/// What a sandbox's Runtime API listener hands its instance: one whole request.
struct RuntimeAPIRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var headers: HTTPHeaders
    var body: ByteBuffer
    /// The body was over `RuntimeAPIServer.maxBody` and was dropped.
    var tooLarge = false
}

/// Answers one request on the connection that made it (from any thread).
struct RuntimeAPIResponder: Sendable {
    let channel: any Channel
    let keepAlive: Bool

    func respond(_ status: HTTPResponseStatus, headers extra: [(String, String)] = [], body: ByteBuffer) {
        let channel = channel
        let keepAlive = keepAlive
        channel.eventLoop.execute {
            var headers = HTTPHeaders(extra)
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(body.readableBytes))
            if !keepAlive { headers.add(name: "Connection", value: "close") }
            channel.write(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)), promise: nil)
            channel.write(HTTPServerResponsePart.body(.byteBuffer(body)), promise: nil)
            let done = channel.writeAndFlush(HTTPServerResponsePart.end(nil))
            if !keepAlive { done.whenComplete { _ in channel.close(promise: nil) } }
        }
    }

    func respond(_ status: HTTPResponseStatus, json text: String) {
        respond(status, body: ByteBuffer(string: text))
    }
}

/// The Runtime API endpoint of one sandbox: an HTTP/1.1 listener on an ephemeral loopback port whose
/// requests all belong to one instance (see docs/architecture/functions.md for why one per sandbox).
final class RuntimeAPIServer: Sendable {
    /// The largest body a runtime may post: Lambda's synchronous response limit and a little room.
    static let maxBody = 6 * 1024 * 1024 + 1024

    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    private init(channel: any Channel) { self.channel = channel }

    /// Binds a listener whose requests go to `handle`.
    static func start(
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        handle: @escaping @Sendable (RuntimeAPIRequest, RuntimeAPIResponder) -> Void
    ) async throws -> RuntimeAPIServer {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(RuntimeAPIHandler(handle: handle))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return RuntimeAPIServer(channel: channel)
    }

    func close() {
        channel.close(promise: nil)
    }
}

/// Collects one request (head and body) and hands it over whole.
private final class RuntimeAPIHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let handle: @Sendable (RuntimeAPIRequest, RuntimeAPIResponder) -> Void
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false

    init(handle: @escaping @Sendable (RuntimeAPIRequest, RuntimeAPIResponder) -> Void) { self.handle = handle }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body.clear()
            tooLarge = false
        case .body(var chunk):
            if body.readableBytes + chunk.readableBytes > RuntimeAPIServer.maxBody {
                tooLarge = true
            } else {
                body.writeBuffer(&chunk)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let responder = RuntimeAPIResponder(channel: context.channel, keepAlive: head.isKeepAlive)
            let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
            handle(
                RuntimeAPIRequest(method: head.method, path: path, headers: head.headers, body: body, tooLarge: tooLarge), responder)
            body = ByteBuffer()
        }
    }
}
