import CortadoJSON
import CortadoLanguage
import Testing

@Suite struct IntrinsicCorpusTests {
    @Test(arguments: IntrinsicCorpus.cases)
    func recordedOutput(_ c: IntrinsicCase) throws {
        let output = try c.run()
        if let expected = c.expectedOutput {
            #expect(output == (try JSON(parsing: expected)), "got \(output.text)")
        } else {
            // AWS's value was masked (a random number): check the shape only.
            #expect(output["FunctionResult"]?.intValue != nil, "got \(output.text)")
        }
    }

    @Test func corpusSummary() {
        var passed = 0
        for c in IntrinsicCorpus.cases {
            guard let output = try? c.run() else { continue }
            if let expected = c.expectedOutput {
                if let e = try? JSON(parsing: expected), e == output { passed += 1 }
            } else if output["FunctionResult"]?.intValue != nil {
                passed += 1
            }
        }
        print("Intrinsic corpus: \(IntrinsicCorpus.cases.count) cases covered, \(passed) passed")
        #expect(passed == IntrinsicCorpus.cases.count)
    }
}
