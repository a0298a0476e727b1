/// The keys of nested containers (`nestedContainer(keyedBy:forKey:)`) below the coding path of the encoder
/// or decoder that made them.
///
/// The last key is kept apart so that a container nested one level deep, the common case (an enum case
/// with associated values), allocates no array.
struct CodingPathSuffix {
    var head: [any CodingKey] = []
    var last: (any CodingKey)?

    static let empty = CodingPathSuffix()

    var isEmpty: Bool { last == nil }

    func appending(_ key: any CodingKey) -> CodingPathSuffix {
        guard let last else { return CodingPathSuffix(head: head, last: key) }
        return CodingPathSuffix(head: head + [last], last: key)
    }

    func append(to path: inout [any CodingKey]) {
        guard let last else { return }
        path.append(contentsOf: head)
        path.append(last)
    }
}
