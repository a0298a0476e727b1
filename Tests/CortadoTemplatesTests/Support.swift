import CortadoJSON
import Foundation
import Testing

@testable import CortadoTemplates

/// Reads a fixture template from the test bundle.
func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}

/// Parses a template and expects it to fail, returning the error.
func parseError(_ text: String) -> TemplateError? {
    do {
        _ = try Template(parsing: text)
        return nil
    } catch {
        return error
    }
}

/// Plans a template and expects it to fail, returning the error.
func planError(_ text: String, parameters: [String: String] = [:]) -> TemplateError? {
    do {
        _ = try Template(parsing: text).plan(parameters: parameters, stackName: "s", region: "us-east-1", account: "123456789012")
        return nil
    } catch {
        return error
    }
}

func plan(_ text: String, parameters: [String: String] = [:]) throws -> DeploymentPlan {
    try Template(parsing: text).plan(parameters: parameters, stackName: "shop", region: "eu-west-1", account: "123456789012")
}

/// Parses a template whose only resource is `Thing` and returns that resource's properties.
func properties(of yaml: String) throws -> JSON {
    let template = try Template(parsing: yaml)
    return try #require(template.processed["Resources"]?["Thing"]?["Properties"])
}
