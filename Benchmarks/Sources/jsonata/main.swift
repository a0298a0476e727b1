// Prints JSONata evaluations per second for Step Functions-shaped expressions over `$states.input`, each
// compiled once and evaluated many times, beside the JSONPath lookup the field lookup replaces.
//
// Usage: jsonata [--seconds S] [NAME ...]   (NAME filters rows by substring)

import CortadoJSON
import CortadoJSONata

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Options {
    var seconds = 1.0
    var filters: [String] = []

    init(_ commandLine: [String]) {
        var arguments = commandLine.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--seconds": seconds = arguments.popFirst().flatMap(Double.init) ?? seconds
            default: filters.append(argument)
            }
        }
    }

    func selected(_ name: String) -> Bool { filters.isEmpty || filters.contains { name.contains($0) } }
}

let options = Options(CommandLine.arguments)

/// A state's input: an order with a customer and 100 line items (half of them priced above 50).
let input: JSON = {
    var items: [JSON] = []
    for i in 0..<100 {
        items.append(.object(["sku": .string("SKU-\(i)"), "price": .int(10 + i), "qty": .int(i % 5 + 1)]))
    }
    return .object([
        "id": "order-1", "price": .double(19.5), "qty": .int(3),
        "customer": .object(["name": "Ada Lovelace", "email": "ada@example.com", "tier": "gold"]),
        "items": .array(items),
    ])
}()
let states: [String: JSON] = ["states": .object(["input": input])]

func elapsedSeconds(since start: ContinuousClock.Instant) -> Double {
    let d = start.duration(to: .now)
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Runs `body` in batches for `options.seconds` (after a warm-up), in three rounds; the best round's evaluations
/// per second, as the machine is shared and a round can lose the core.
@inline(never)
func measure(_ body: () throws -> JSON?) rethrows -> Double {
    for _ in 0..<1000 { _ = try body() }
    var best = 0.0
    for _ in 0..<3 {
        var count = 0
        var batch = 1000
        let start = ContinuousClock.now
        var elapsed = 0.0
        while elapsed < options.seconds / 3 {
            for _ in 0..<batch { _ = try body() }
            count += batch
            elapsed = elapsedSeconds(since: start)
            if elapsed < options.seconds / 30 { batch *= 2 }
        }
        best = max(best, Double(count) / elapsed)
    }
    return best
}

func row(_ name: String, _ perSecond: Double, _ note: String = "") {
    let rate = perSecond >= 1e6 ? "\(Double(Int(perSecond / 1e4)) / 100) M" : "\(Int(perSecond / 1000)) k"
    let nanos = Int(1e9 / perSecond)
    print(name.padding(50) + rate.leftPadding(10) + "/s" + "\(nanos) ns".leftPadding(12) + (note.isEmpty ? "" : "   " + note))
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

/// Compiles `expression`, checks its result once, then measures it.
func jsonata(_ name: String, _ expression: String, expect expected: JSON) throws -> Double? {
    guard options.selected(name) else { return nil }
    let compiled = try JSONataExpression(compiling: expression)
    let result = try compiled.evaluate(nil, bindings: states)
    guard result == expected else {
        print("\(name): expected \(expected), got \(String(describing: result))")
        exit(1)
    }
    let rate = try measure { try compiled.evaluate(nil, bindings: states) }
    row(name, rate)
    return rate
}

print("evaluations per second, one core, release build, best of 3 rounds (input: an order with 100 items)")
let path = try JSONPath("$.customer.name")
var jsonPathRate: Double?
if options.selected("lookup") {
    let rate = measure { try? path.evaluate(input) }
    row("lookup    JSONPath $.customer.name", rate)
    jsonPathRate = rate
}
if let rate = try jsonata("lookup    $states.input.customer.name", "$states.input.customer.name", expect: "Ada Lovelace"),
    let jsonPathRate
{
    print("          JSONata lookup costs \(Double(Int(jsonPathRate / rate * 100)) / 100)x the JSONPath lookup")
}
_ = try jsonata(
    "object    {id, total: price * qty, name: $uppercase(..)}",
    #"{"id": $states.input.id, "total": $states.input.price * $states.input.qty, "name": $uppercase($states.input.customer.name)}"#,
    expect: ["id": "order-1", "total": .double(58.5), "name": "ADA LOVELACE"])
_ = try jsonata(
    "map       $map(items, function($v){ $v.price * 2 })",
    "$map($states.input.items, function($v){ $v.price * 2 })",
    expect: .array((0..<100).map { .int((10 + $0) * 2) }))
_ = try jsonata(
    "sum       $sum(items[price > 50].price)",
    "$sum($states.input.items[price > 50].price)",
    expect: .int((41..<100).map { 10 + $0 }.reduce(0, +)))
