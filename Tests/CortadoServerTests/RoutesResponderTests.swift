import HTTPTypes
import Hummingbird
import NIOCore
import Testing

@testable import CortadoServer

/// Where a stack's HTTP API answers: the two addresses a local API Gateway has, and everything else left to
/// the services behind.
@Suite struct RoutesResponderTests {
    func address(_ path: String, host: String = "127.0.0.1:8083") -> (String, String, String)? {
        let head = HTTPRequest(method: .post, scheme: "http", authority: host, path: path)
        return RoutesResponder<Router<BasicRequestContext>.Responder>.address(Request(head: head, body: RequestBody(buffer: ByteBuffer())))
    }

    @Test func restapisPathsAndExecuteAPIHosts() {
        #expect(
            address("/restapis/abcdefghij/Prod/_user_request_/orders/17?x=1").map { [$0.0, $0.1, $0.2] } == [
                "abcdefghij", "Prod", "/orders/17",
            ])
        #expect(address("/restapis/abcdefghij/Prod/_user_request_/").map { [$0.0, $0.1, $0.2] } == ["abcdefghij", "Prod", "/"])
        #expect(
            address("/Prod/orders/a%20b", host: "abcdefghij.execute-api.localhost:8083").map { [$0.0, $0.1, $0.2] }
                == ["abcdefghij", "Prod", "/orders/a b"])
        #expect(address("/", host: "httpapi001.execute-api.localhost").map { [$0.0, $0.1, $0.2] } == ["httpapi001", "$default", "/"])
    }

    @Test func otherRequestsAreLeftToTheServices() {
        #expect(address("/") == nil)
        #expect(address("/bucket/key") == nil)
        #expect(address("/2015-03-31/functions") == nil)
        #expect(address("/restapis/abc") == nil)
        #expect(address("/x", host: "bucket.s3.localhost") == nil)
    }
}
