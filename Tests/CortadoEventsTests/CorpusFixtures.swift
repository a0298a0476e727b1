import CortadoJSON
import Foundation
import Testing

/// The event corpus files copied into `Fixtures/` (see its README), one JSON value per line.
enum CorpusFixtures {
    static func lines(_ file: String) throws -> [JSON] {
        let url = Bundle.module.url(forResource: "Fixtures/\(file)", withExtension: nil)!
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSON(parsing: String($0)) }
    }
}

@Suite struct CorpusFixtureTests {
    @Test func theCopiedCorpusIsComplete() throws {
        #expect(try CorpusFixtures.lines("patterns.jsonl").count == 133)
        #expect(try CorpusFixtures.lines("transformers.jsonl").count == 32)
        #expect(try CorpusFixtures.lines("ruler_cases.jsonl").count == 686)
    }
}
