/// Which request parameter a condition came from; AWS names it in every error message.
public enum ConditionKind: Sendable {
    case condition
    case filter
    case keyCondition

    var parameterName: String {
        switch self {
        case .condition: "ConditionExpression"
        case .filter: "FilterExpression"
        case .keyCondition: "KeyConditionExpression"
        }
    }
}
