import CortadoJSON
import CortadoLanguage
import Foundation

/// A distributed Map's own S3 work, dispatched by the interpreter under the reader's or writer's
/// `Resource`: `s3:getObject` answers `{"Body"}` (the interpreter parses it), `s3:listObjectsV2` answers
/// `{"Contents"}` with every object under `Prefix` in the shape AWS gives a Map's items, and
/// `s3:putObject` writes the result files the interpreter laid out and echoes `ResultWriterDetails`.
/// No Task* history events come of it (the interpreter records none for these tasks); errors come
/// back as S3 states them, and the interpreter reports them as `States.ItemReaderFailed` or
/// `States.ResultWriterFailed`.
public struct DistributedMapS3: TaskRunner {
    let s3: S3Service

    public init(s3: S3Service) { self.s3 = s3 }

    public func accepts(_ resource: String) -> Bool {
        resource == ItemReader.getObject || resource == ItemReader.listObjectsV2 || resource == ResultWriter.putObject
    }

    public func run(_ task: TaskDispatch, executionArn arn: String, engine: Engine) async {
        let event: ExecutionEvent
        do {
            event = .taskSucceeded(taskID: task.taskID, output: try await answer(task))
        } catch {
            let (name, cause) = S3Integration.failure(error)
            event = .taskFailed(taskID: task.taskID, error: name, cause: cause)
        }
        do {
            _ = try await engine.deliver(arn, event, requireOpenTask: task.taskID, delivered: [task.taskID])
        } catch {
            engine.logger.error("a Map's S3 read or write failed to report", metadata: ["execution": "\(arn)", "error": "\(error)"])
        }
    }

    func answer(_ task: TaskDispatch) async throws -> JSON {
        let p = task.input
        switch task.resource {
        case ItemReader.getObject:
            let o = try await s3.object(try S3Integration.string(p, "Bucket"), try S3Integration.string(p, "Key"))
            let handle = try s3.files.reader(o.file)
            defer { try? handle.close() }
            let data = try handle.readToEnd() ?? Data()
            return ["Body": .string(String(decoding: data, as: UTF8.self))]
        case ItemReader.listObjectsV2:
            let bucket = try S3Integration.string(p, "Bucket")
            let prefix = p["Prefix"]?.stringValue ?? ""
            var items: [JSON] = []
            var start: S3ListPosition?
            repeat {
                let page = try await s3.list(bucket, prefix: prefix, delimiter: nil, maxKeys: 1000, start: start)
                for o in page.objects {
                    items.append([
                        "Etag": .string(o.etag), "Key": .string(o.key), "LastModified": .int(Int(o.lastModified / 1000)),
                        "Size": .int(Int(o.size)), "StorageClass": "STANDARD",
                    ])
                }
                start = page.truncated ? page.next : nil
            } while start != nil
            return ["Contents": .array(items)]
        default:
            let bucket = try S3Integration.string(p, "Bucket")
            _ = try await s3.bucket(bucket)
            for object in p["Objects"]?.arrayValue ?? [] {
                let staged = try await s3.stage(Array((object["Body"]?.stringValue ?? "").utf8))
                _ = try await s3.putObject(
                    bucket, object["Key"]?.stringValue ?? "", staged: staged, contentType: "application/json", metadata: [], headers: [])
            }
            return p["ResultWriterDetails"] ?? .object([:])
        }
    }
}
