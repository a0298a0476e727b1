/// A route's path compiled for matching: literal segments, `{name}` parameters and a final greedy
/// `{name+}`, ranked as API Gateway ranks them (literals over parameters over a greedy tail).
struct RoutePattern: Sendable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        case greedy(String)
    }

    let segments: [Segment]

    init(_ path: String) {
        segments = path.split(separator: "/").map { part in
            guard part.hasPrefix("{"), part.hasSuffix("}") else { return .literal(String(part)) }
            let name = String(part.dropFirst().dropLast())
            return name.hasSuffix("+") ? .greedy(String(name.dropLast())) : .parameter(name)
        }
    }

    /// The path parameters when `path` matches, else nil.
    func match(_ path: String) -> [String: String]? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var parameters: [String: String] = [:]
        for (i, segment) in segments.enumerated() {
            switch segment {
            case .greedy(let name):
                guard i < parts.count else { return nil }
                parameters[name] = parts[i...].joined(separator: "/")
                return parameters
            case .literal(let text):
                guard i < parts.count, parts[i] == text else { return nil }
            case .parameter(let name):
                guard i < parts.count else { return nil }
                parameters[name] = parts[i]
            }
        }
        return parts.count == segments.count ? parameters : nil
    }

    /// Higher is more specific: each literal segment outranks any parameter, and a greedy tail ranks last.
    var specificity: [Int] {
        segments.map {
            switch $0 {
            case .literal: 2
            case .parameter: 1
            case .greedy: 0
            }
        }
    }
}
