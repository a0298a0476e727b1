/// One lexical token of a JSONata expression.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case op, string, number, name, variable, regex, value, end
    }
    var kind: Kind
    var text: String
    var number: Double = 0
    var flags: String = ""
    var position: Int
}
