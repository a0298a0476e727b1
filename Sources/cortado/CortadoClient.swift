import CortadoJSON
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The few calls `cortado deploy` and `cortado delete-stack` make to a running server: CloudFormation's actions as
/// AWS JSON (`X-Amz-Target: CloudFormation.<Action>`, Cortado's extension) and plain S3 PUTs for packaged code.
struct CortadoClient {
    let endpoint: URL

    /// A service's error answer, or a server that could not be reached.
    struct Failure: Error, CustomStringConvertible {
        var type: String
        var message: String
        var description: String { "\(type): \(message)" }
    }

    init(endpoint: String) throws(Failure) {
        guard let url = URL(string: endpoint), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw Failure(type: "InvalidEndpoint", message: "--endpoint must be an http(s) URL, not '\(endpoint)'")
        }
        self.endpoint = url
    }

    func cloudFormation(_ action: String, _ body: JSON) async throws(Failure) -> JSON {
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.setValue("application/x-amz-json-1.0", forHTTPHeaderField: "Content-Type")
        request.setValue("CloudFormation.\(action)", forHTTPHeaderField: "X-Amz-Target")
        request.httpBody = Data(body.text.utf8)
        request.timeoutInterval = 600
        let (status, data) = try await send(request)
        let answer = (try? JSON(parsing: Array(data))) ?? .null
        guard status == 200 else {
            throw Failure(
                type: answer["__type"]?.stringValue ?? "HTTP \(status)",
                message: answer["message"]?.stringValue ?? String(decoding: data, as: UTF8.self))
        }
        return answer
    }

    /// `PUT /<bucket>`; a bucket of ours that exists already is fine.
    func createBucket(_ bucket: String) async throws(Failure) {
        var create = URLRequest(url: endpoint.appendingPathComponent(bucket))
        create.httpMethod = "PUT"
        let (status, _) = try await send(create)
        guard status == 200 || status == 409 else {
            throw Failure(type: "HTTP \(status)", message: "could not create the bucket \(bucket)")
        }
    }

    /// `PUT /<bucket>/<key>`.
    func putObject(bucket: String, key: String, bytes: Data) async throws(Failure) {
        var put = URLRequest(url: endpoint.appendingPathComponent(bucket).appendingPathComponent(key))
        put.httpMethod = "PUT"
        put.httpBody = bytes
        let (status, data) = try await send(put)
        guard status == 200 else {
            throw Failure(
                type: "HTTP \(status)", message: "upload of s3://\(bucket)/\(key) failed: \(String(decoding: data, as: UTF8.self))")
        }
    }

    private func send(_ request: URLRequest) async throws(Failure) -> (Int, Data) {
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        } catch {
            throw Failure(
                type: "Unreachable",
                message: "cannot reach Cortado at \(endpoint.absoluteString) (\(error.localizedDescription)); is `cortado serve` running?")
        }
    }
}
