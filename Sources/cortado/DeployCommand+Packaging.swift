import CortadoJSON
import CortadoLanguage
import CortadoTemplates
import Foundation
import ZIPFoundation

extension DeployCommand {
    /// Puts each local artifact in place in the template body: a `CodeUri` directory (or zip file) is uploaded to
    /// Cortado's S3 under a key named by its content's hash, so unchanged code leaves the function unchanged; a
    /// `DefinitionUri` file's JSON or YAML becomes the resource's `Definition`.
    static func packageArtifacts(
        _ artifacts: [LocalArtifact], of template: URL, stack: String, into body: inout JSONObject, client: CortadoClient
    ) async throws {
        let base = template.standardizedFileURL.deletingLastPathComponent()
        var bucketReady = false
        for artifact in artifacts {
            let location = "Resources/\(artifact.logicalId)/Properties/\(artifact.property)"
            let url = URL(fileURLWithPath: artifact.path, relativeTo: base).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw DeployFailure(message: "\(location): no such file or directory: \(url.path)", exit: ExitStatus.invalid)
            }
            guard var resource = body["Resources"]?[artifact.logicalId]?.objectValue else { continue }
            var properties = resource["Properties"]?.objectValue ?? JSONObject()
            switch artifact.property {
            case "DefinitionUri":
                let value: JSON
                do {
                    value = try Template.document(parsing: String(decoding: try Data(contentsOf: url), as: UTF8.self))
                } catch let error as TemplateError {
                    throw DeployFailure(message: "\(location): \(url.path): \(error)", exit: ExitStatus.invalid)
                }
                properties.removeValue(forKey: "DefinitionUri")
                properties["Definition"] = value
            default:
                let (zip, digest) = try archive(url, isDirectory: isDirectory.boolValue, location: location)
                let key = "\(stack)/\(artifact.logicalId)-\(digest.prefix(20)).zip"
                do {
                    if !bucketReady {
                        try await client.createBucket(artifactBucket)
                        bucketReady = true
                    }
                    try await client.putObject(bucket: artifactBucket, key: key, bytes: zip)
                } catch {
                    throw DeployFailure(message: "\(location): \(error.message)", exit: ExitStatus.failed)
                }
                say("Uploaded \(artifact.path) for \(artifact.logicalId) to s3://\(artifactBucket)/\(key)")
                properties[artifact.property] = .string("s3://\(artifactBucket)/\(key)")
            }
            resource["Properties"] = .object(properties)
            var resources = body["Resources"]?.objectValue ?? JSONObject()
            resources[artifact.logicalId] = .object(resource)
            body["Resources"] = .object(resources)
        }
    }

    /// The code as a zip archive (a directory's files at the archive's root, as `sam build` leaves them), and a
    /// hash of the files' paths and contents.
    static func archive(_ url: URL, isDirectory: Bool, location: String) throws -> (Data, String) {
        do {
            if !isDirectory {
                let bytes = try Data(contentsOf: url)
                return (bytes, Digest.hex(Digest.hash(Array(bytes), .sha256)))
            }
            var hashed: [UInt8] = []
            let files = (FileManager.default.enumerator(atPath: url.path)?.allObjects as? [String] ?? []).sorted()
            for file in files {
                var isDirectory: ObjCBool = false
                let path = url.appendingPathComponent(file).path
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                hashed += Array(file.utf8) + [0] + Array(try Data(contentsOf: URL(fileURLWithPath: path))) + [0]
            }
            let zipURL = FileManager.default.temporaryDirectory.appendingPathComponent("cortado-deploy-\(UUID().uuidString).zip")
            defer { try? FileManager.default.removeItem(at: zipURL) }
            try FileManager.default.zipItem(at: url, to: zipURL, shouldKeepParent: false)
            return (try Data(contentsOf: zipURL), Digest.hex(Digest.hash(hashed, .sha256)))
        } catch {
            throw DeployFailure(message: "\(location): could not package \(url.path): \(error)", exit: ExitStatus.invalid)
        }
    }
}
