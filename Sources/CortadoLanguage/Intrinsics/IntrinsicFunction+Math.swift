import CortadoJSON

extension IntrinsicFunction {
    /// `States.MathAdd(a, b)`: the sum, each argument first rounded to an integer.
    func mathAdd(_ args: IntrinsicArguments) throws(StatesError) -> JSON {
        let (sum, overflow) = try args.integer(0).addingReportingOverflow(try args.integer(1))
        guard !overflow else { throw args.invalid("the sum is too large") }
        return .int(sum)
    }

    /// `States.MathRandom(start, end[, seed])`: an integer in `start..<end`.
    ///
    /// With a seed the result is what `new java.util.Random(seed).nextInt(end - start) + start`
    /// gives, so a seeded call is the same on every run (Step Functions runs on the JVM).
    func mathRandom(_ args: IntrinsicArguments, in scope: PathScope) throws(StatesError) -> JSON {
        let start = try args.integer(0)
        let end = try args.integer(1)
        guard start < end else {
            throw args.invalid("the start (\(start)) must be less than the end (\(end))")
        }
        let (width, overflow) = end.subtractingReportingOverflow(start)
        guard args.count == 3, !args[2].isNull else {
            guard !overflow else { throw args.invalid("the range from \(start) to \(end) is too large") }
            return .int(scope.random.int(in: start..<end))
        }
        let seed = try args.integer(2)
        guard !overflow, width <= Int(Int32.max) else {
            throw args.invalid("the range from \(start) to \(end) is too large")
        }
        var random = JavaRandom(seed: Int64(seed))
        return .int(start + Int(random.nextInt(bound: Int32(width))))
    }
}
