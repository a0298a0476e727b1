import CortadoJSON

/// A target's `InputTransformer`: variables read from the event by JSONPath (`InputPathsMap`) and a
/// template (`InputTemplate`) that places them, with the predefined `aws.events.*` values, in the body
/// the target receives.
///
/// See "Transformers and schedules" in `docs/architecture/events.md` for the rules and their sources.
public struct InputTransformer: Sendable, Hashable {
    /// Variable name → JSONPath, as the target was put.
    public let inputPathsMap: [String: String]
    /// The template as the target was put.
    public let inputTemplate: String

    let paths: [String: JSONPath]
    let template: InputTemplate

    /// At most this many variables (the API reference).
    public static let maximumVariables = 100
    /// The template's length limit in characters (the API reference).
    public static let maximumTemplateLength = 8192

    /// Placeholders every template may use without defining them.
    public static let predefinedNames: Set<String> = [
        "aws.events.rule-arn", "aws.events.rule-name", "aws.events.event.ingestion-time",
        "aws.events.event", "aws.events.event.json",
    ]

    /// Validates the transformer of the target with Id `targetID` as PutTargets does.
    ///
    /// - Throws: `EventsError` (a `ValidationException`) for a template that uses a name it does not
    ///   define (AWS's recorded message), a path EventBridge does not evaluate, a reserved or empty
    ///   variable name, more than 100 variables, or an empty or too long template.
    public init(inputPathsMap: [String: String] = [:], inputTemplate: String, targetID: String) throws(EventsError) {
        let id = targetID
        guard !inputTemplate.isEmpty, inputTemplate.count <= Self.maximumTemplateLength else {
            throw EventsError(
                "InputTemplate for target \(id) must be between 1 and \(Self.maximumTemplateLength) characters long.")
        }
        guard inputPathsMap.count <= Self.maximumVariables else {
            throw EventsError("InputPathsMap for target \(id) has more than \(Self.maximumVariables) entries.")
        }
        var paths: [String: JSONPath] = [:]
        // In name order, so a map with several bad entries is always refused for the same one.
        for (name, text) in inputPathsMap.sorted(by: { $0.key < $1.key }) {
            // "The keys cannot start with AWS." (API reference): the predefined names are reserved.
            guard !name.isEmpty, !name.lowercased().hasPrefix("aws.") else {
                throw EventsError("InputPathsMap for target \(id) contains invalid key \(name).")
            }
            guard let path = EventPath.parse(text) else {
                throw EventsError("InputPathsMap for target \(id) contains invalid JSON path \(text) for key \(name).")
            }
            paths[name] = path
        }
        let template = InputTemplate(inputTemplate)
        for name in template.placeholderNames where paths[name] == nil && !Self.predefinedNames.contains(name) {
            throw EventsError("InputTemplate for target \(id) contains invalid placeholder \(name).")
        }
        self.inputPathsMap = inputPathsMap
        self.inputTemplate = inputTemplate
        self.paths = paths
        self.template = template
    }

    /// The body delivered for `event`, or nil when AWS would silently deliver nothing: a JSON template
    /// whose filled-in text is not valid JSON.
    public func apply(to event: JSON, context: TransformContext) -> String? {
        var cache: [String: JSON?] = [:]
        return template.render { name in
            if let known = cache[name] { return known }
            let value = self.value(of: name, in: event, context: context)
            cache[name] = value
            return value
        }
    }

    /// A placeholder's value; nil when its path names nothing (or names `null`, treated the same).
    func value(of name: String, in event: JSON, context: TransformContext) -> JSON? {
        if let path = paths[name] {
            let v = EventPath.value(of: path, in: event)
            return v?.isNull == true ? nil : v
        }
        switch name {
        case "aws.events.rule-arn": return .string(context.ruleARN)
        case "aws.events.rule-name": return .string(context.ruleName)
        case "aws.events.event.ingestion-time": return .string(context.ingestionTimeText)
        case "aws.events.event": return Self.envelope(of: event)
        case "aws.events.event.json": return event
        default: return nil
        }
    }

    /// `<aws.events.event>`: the event without `detail`, with `detail-type` spelled `detailType` (as AWS
    /// delivered it in the recordings).
    static func envelope(of event: JSON) -> JSON {
        guard case .object(let o) = event else { return event }
        var out = JSONObject(minimumCapacity: o.count)
        for (key, value) in o where key != "detail" {
            out[key == "detail-type" ? "detailType" : key] = value
        }
        return .object(out)
    }
}
