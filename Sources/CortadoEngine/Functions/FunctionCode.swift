import CortadoLanguage
import Foundation
import ZIPFoundation

/// Function code on this machine: zip archives kept content-addressed under `root`
/// (`<sha>.zip` and the unpacked `<sha>/`), or a local directory used in place.
struct FunctionCode: Sendable {
    let root: URL

    /// The bucket name of the local-directory extension (`Code.S3Bucket`; `S3Key` is the directory).
    static let localBucket = "cortado-local"
    /// AWS's limit on unpacked code.
    static let maxUnzippedBytes = 262_144_000

    struct Stored: Sendable {
        var sha256: String
        var size: Int
        var directory: String
        var local: Bool
    }

    /// Reads the `Code` (or `UpdateFunctionCode`) request members: `ZipFile`, or the local-directory pair.
    func store(zipBase64: String?, s3Bucket: String?, s3Key: String?) throws(AWSError) -> Stored {
        if let zipBase64 {
            guard let data = Data(base64Encoded: zipBase64) else {
                throw AWSError.lambda(
                    "InvalidParameterValueException", "Could not unzip uploaded file. Please check your file, then try to upload again.")
            }
            return try store(zip: data)
        }
        if let s3Bucket {
            guard s3Bucket == Self.localBucket else {
                throw AWSError.lambda(
                    "InvalidParameterValueException",
                    "Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist (Cortado reads code from S3 only with S3Bucket '\(Self.localBucket)' and S3Key a local directory)"
                )
            }
            return try local(directory: s3Key ?? "")
        }
        throw AWSError.lambda("InvalidParameterValueException", "Please provide a source for function code.")
    }

    /// A directory on this machine, used in place.
    func local(directory path: String) throws(AWSError) -> Stored {
        var isDirectory: ObjCBool = false
        guard path.hasPrefix("/"), FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AWSError.lambda(
                "InvalidParameterValueException",
                "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: \(path) is not an absolute path to a directory on the Cortado server"
            )
        }
        let hash = Digest.hash(Array(path.utf8), .sha256)
        return Stored(sha256: Data(hash).base64EncodedString(), size: 0, directory: path, local: true)
    }

    /// Checks an archive, writes it durably and unpacks it; the same archive is stored once.
    func store(zip data: Data) throws(AWSError) -> Stored {
        let invalid = AWSError.lambda(
            "InvalidParameterValueException", "Could not unzip uploaded file. Please check your file, then try to upload again.")
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw invalid }
        var unzipped: UInt64 = 0
        var entries = 0
        for entry in archive {
            entries += 1
            unzipped += entry.uncompressedSize
            let path = entry.path
            if path.hasPrefix("/") || path.split(separator: "/").contains("..") { throw invalid }
        }
        if entries == 0 { throw invalid }
        if unzipped > UInt64(Self.maxUnzippedBytes) {
            throw AWSError.lambda("InvalidParameterValueException", "Unzipped size must be smaller than \(Self.maxUnzippedBytes) bytes")
        }
        let hash = Digest.hash([UInt8](data), .sha256)
        let sha = Data(hash).base64EncodedString()
        let name = Digest.hex(hash)
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let file = root.appendingPathComponent(name + ".zip")
            if !FileManager.default.fileExists(atPath: file.path) {
                let temporary = root.appendingPathComponent(name + ".zip.partial")
                try data.write(to: temporary)
                let handle = try FileHandle(forWritingTo: temporary)
                try handle.synchronize()
                try handle.close()
                guard rename(temporary.path, file.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
            }
            try unpack(name)
        } catch let e as AWSError {
            throw e
        } catch {
            throw AWSError.lambda(
                "InvalidParameterValueException", "Could not unzip uploaded file. Please check your file, then try to upload again.")
        }
        return Stored(sha256: sha, size: data.count, directory: root.appendingPathComponent(name).path, local: false)
    }

    /// Unpacks `<name>.zip` into `<name>/` unless that is already there (a restart re-unpacks a lost one).
    func unpack(_ name: String) throws {
        let directory = root.appendingPathComponent(name)
        let marker = root.appendingPathComponent(name + ".unpacked")
        if FileManager.default.fileExists(atPath: marker.path) { return }
        let staging = root.appendingPathComponent(name + ".unpacking")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try FileManager.default.unzipItem(at: root.appendingPathComponent(name + ".zip"), to: staging)
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.moveItem(at: staging, to: directory)
        _ = FileManager.default.createFile(atPath: marker.path, contents: Data())
    }

    /// Makes sure a stored function's code directory exists (after a restart, or a cleaned disk).
    func ensure(_ configuration: FunctionConfiguration) {
        guard !configuration.localDirectory else { return }
        let name = URL(fileURLWithPath: configuration.codeDirectory).lastPathComponent
        try? unpack(name)
    }
}

extension AWSError {
    /// An error of Lambda's REST API (the status code follows the name, as Lambda's are).
    static func lambda(_ type: String, _ message: String) -> AWSError {
        let status: Int
        switch type {
        case "ResourceNotFoundException": status = 404
        case "ResourceConflictException": status = 409
        case "RequestTooLargeException", "RequestEntityTooLargeException": status = 413
        case "TooManyRequestsException": status = 429
        case "ServiceException", "EC2UnexpectedException": status = 500
        case "UnsupportedMediaTypeException": status = 415
        case "ResourceNotReadyException", "InvalidRuntimeException", "InvalidZipFileException": status = 502
        default: status = 400
        }
        return AWSError(type, message, status: status)
    }
}
