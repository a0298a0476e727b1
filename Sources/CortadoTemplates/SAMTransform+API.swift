import CortadoJSON

extension SAMTransform {
    /// An explicit `AWS::Serverless::Api` or `HttpApi`: its routes come from the events that name it.
    mutating func expandAPI(_ source: SAMResource, protocol kind: String, defaultStage: String?) throws(TemplateError) {
        var api: JSONObject = ["Name": source.properties["Name"] ?? ["Ref": "AWS::StackName"], "Protocol": .string(kind)]
        if let stage = source.properties["StageName"] {
            api["StageName"] = stage
        } else if let defaultStage {
            api["StageName"] = .string(defaultStage)
        } else {
            throw TemplateError(location: source.property("StageName"), message: "an AWS::Serverless::Api needs a StageName")
        }
        api["Routes"] = .array([])
        let ignored = [
            "DefinitionBody", "DefinitionUri", "Cors", "CorsConfiguration", "Auth", "Domain", "AccessLogSetting", "AccessLogSettings",
            "MethodSettings", "TracingEnabled", "EndpointConfiguration", "BinaryMediaTypes", "Models", "GatewayResponses",
            "CacheClusterEnabled", "CacheClusterSize", "Variables", "StageVariables", "OpenApiVersion", "Description",
            "DisableExecuteApiEndpoint", "FailOnWarnings", "MinimumCompressionSize", "ApiKeySourceType", "Mode", "Tags",
            "DefaultRouteSettings", "RouteSettings", "PropagateTags", "AlwaysDeploy", "CanarySetting", "MergeDefinitions",
        ]
        ignore(ignored, of: source, because: "Cortado serves only the routes the events declare; ignored")
        warnUnknown(source, known: Set(ignored + ["Name", "StageName"]))
        try emit(source.id, type: CortadoAPI.type, properties: api, from: source, primary: true)
    }
}
