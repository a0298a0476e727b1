import CortadoJSON

extension SAMTransform {
    /// Properties of `AWS::Serverless::Function` that `AWS::Lambda::Function` takes as they are.
    static let functionPassThrough = [
        "FunctionName", "Description", "Handler", "Runtime", "MemorySize", "Timeout", "Environment", "Architectures",
        "ReservedConcurrentExecutions", "EphemeralStorage", "KmsKeyArn", "LoggingConfig", "PackageType", "ImageConfig",
        "RuntimeManagementPolicy", "SnapStart", "VpcConfig", "FileSystemConfigs",
    ]
    /// Properties that only shape the IAM role SAM would make, which Cortado ignores.
    static let functionRoleProperties = ["Policies", "PermissionsBoundary", "RolePath", "AssumeRolePolicyDocument"]
    static let functionIgnored = [
        "Layers", "Tracing", "AutoPublishAlias", "AutoPublishCodeSha256", "AutoPublishAliasAllProperties", "DeploymentPreference",
        "ProvisionedConcurrencyConfig", "VersionDescription", "VersionDeletionPolicy", "FunctionUrlConfig", "CodeSigningConfigArn",
        "EventInvokeConfig", "DeadLetterQueue", "RecursiveLoop", "SourceKMSKeyArn", "PropagateTags",
    ]

    mutating func expandFunction(_ source: SAMResource) throws(TemplateError) {
        var function = JSONObject()
        if let inline = source.properties["InlineCode"] {
            function["Code"] = ["ZipFile": inline]
        } else if let codeUri = source.properties["CodeUri"] {
            let location = source.property("CodeUri")
            switch codeUri {
            case .string(let uri) where uri.hasPrefix("s3://"):
                let rest = uri.dropFirst("s3://".count)
                guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex, rest.index(after: slash) != rest.endIndex else {
                    throw TemplateError(location: location, message: "'\(uri)' is not an s3://bucket/key URI")
                }
                function["Code"] = [
                    "S3Bucket": .string(String(rest[..<slash])), "S3Key": .string(String(rest[rest.index(after: slash)...])),
                ]
            case .string(let path):
                // Kept under its SAM name so the deploying command sees it is a local path to package.
                function["CodeUri"] = .string(path)
                localArtifacts.append(LocalArtifact(logicalId: source.id, property: "CodeUri", path: path))
            case .object(let s3Location) where s3Location["Bucket"] != nil && s3Location["Key"] != nil:
                var code: JSONObject = ["S3Bucket": s3Location["Bucket"]!, "S3Key": s3Location["Key"]!]
                if let version = s3Location["Version"] { code["S3ObjectVersion"] = version }
                function["Code"] = .object(code)
            default:
                throw TemplateError(location: location, message: "must be a local path, an s3:// URI or {Bucket, Key}")
            }
        } else if let image = source.properties["ImageUri"] {
            function["Code"] = ["ImageUri": image]
        } else {
            throw TemplateError(location: source.location, message: "a function needs CodeUri, InlineCode or ImageUri")
        }
        for key in Self.functionPassThrough {
            if let value = source.properties[key] { function[key] = value }
        }
        if let role = source.properties["Role"] {
            function["Role"] = role
        } else {
            try emitRole(source.id + "Role", service: "lambda.amazonaws.com", policies: source.properties["Policies"], from: source)
            function["Role"] = Self.getAtt(source.id + "Role", "Arn")
        }
        var tags = Self.tagList(source.properties["Tags"])?.arrayValue ?? []
        tags.insert(["Key": "lambda:createdBy", "Value": "SAM"], at: 0)
        function["Tags"] = .array(tags)
        ignore(Self.functionIgnored, of: source)
        let known = Set(
            Self.functionPassThrough + Self.functionRoleProperties + Self.functionIgnored
                + ["InlineCode", "CodeUri", "ImageUri", "Role", "Tags", "Events"])
        warnUnknown(source, known: known)
        // The function comes first, as SAM lists it, then what its events make.
        try emit(source.id, type: "AWS::Lambda::Function", properties: function, from: source, primary: true)
        let arn = Self.getAtt(source.id, "Arn")
        for event in try SAMEvent.all(of: source, warnings: &warnings) {
            switch event.type {
            case "EventBridgeRule", "CloudWatchEvent", "Schedule", "ScheduleV2":
                let target: JSONObject = ["Arn": arn, "Id": .string(source.id + event.name + "LambdaTarget")]
                let rule = try emitRule(for: event, of: source, target: target)
                let permission: JSONObject = [
                    "Action": "lambda:InvokeFunction", "FunctionName": Self.ref(source.id), "Principal": "events.amazonaws.com",
                    "SourceArn": Self.getAtt(rule, "Arn"),
                ]
                try emit(rule + "Permission", type: "AWS::Lambda::Permission", properties: permission, from: source)
            case "DynamoDB":
                try emitStreamMapping(for: event, of: source)
            case "Api", "HttpApi":
                try addRoute(for: event, of: source, target: ["Type": "Function", "Function": arn])
            default:
                unsupported(event, of: "function")
            }
        }
    }

    private mutating func emitStreamMapping(for event: SAMEvent, of source: SAMResource) throws(TemplateError) {
        guard let stream = event.properties["Stream"] else {
            throw TemplateError(location: event.property("Stream"), message: "a DynamoDB event needs a Stream")
        }
        var mapping: JSONObject = ["EventSourceArn": stream, "FunctionName": Self.ref(source.id)]
        let passThrough = SAMEvent.knownProperties["DynamoDB", default: []]
        for (key, value) in event.properties where key != "Stream" && passThrough.contains(key) { mapping[key] = value }
        if mapping["StartingPosition"] == nil {
            throw TemplateError(location: event.property("StartingPosition"), message: "a DynamoDB event needs a StartingPosition")
        }
        try emit(source.id + event.name, type: "AWS::Lambda::EventSourceMapping", properties: mapping, from: source)
    }
}
