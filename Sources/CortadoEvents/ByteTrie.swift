/// A byte trie whose nodes carry the payloads of the keys ending there: walking a value's bytes visits
/// the payloads of every stored prefix of it (or, over reversed bytes, every suffix).
///
/// Built node by node, then `freeze` lays it out flat (edges and payloads in runs per node), so that a
/// walk reads a few contiguous arrays and allocates nothing.
struct ByteTrie<Payload: Sendable>: Sendable {
    // While building: per node, its edges and payloads.
    private var buildLabels: [[UInt8]] = [[]]
    private var buildTargets: [[Int32]] = [[]]
    private var buildPayloads: [[Payload]] = [[]]

    // Frozen: node n's edges are edgeLabels/edgeTargets[edgeStart[n]..<edgeStart[n + 1]], its payloads
    // payloads[payloadStart[n]..<payloadStart[n + 1]].
    private var edgeStart: [Int32] = []
    private var edgeLabels: [UInt8] = []
    private var edgeTargets: [Int32] = []
    private var payloadStart: [Int32] = []
    private var payloads: [Payload] = []

    private(set) var isEmpty = true

    mutating func insert<C: Collection<UInt8>>(_ bytes: C, _ payload: Payload) {
        var node = 0
        for b in bytes {
            if let i = buildLabels[node].firstIndex(of: b) {
                node = Int(buildTargets[node][i])
            } else {
                let next = buildLabels.count
                buildLabels.append([])
                buildTargets.append([])
                buildPayloads.append([])
                buildLabels[node].append(b)
                buildTargets[node].append(Int32(next))
                node = next
            }
        }
        buildPayloads[node].append(payload)
        isEmpty = false
    }

    mutating func freeze() {
        edgeStart = [0]
        payloadStart = [0]
        for node in buildLabels.indices {
            // Edges sorted by label, so a walk can stop at the first label past the byte.
            let order = buildLabels[node].indices.sorted { buildLabels[node][$0] < buildLabels[node][$1] }
            for i in order {
                edgeLabels.append(buildLabels[node][i])
                edgeTargets.append(buildTargets[node][i])
            }
            edgeStart.append(Int32(edgeLabels.count))
            payloads.append(contentsOf: buildPayloads[node])
            payloadStart.append(Int32(payloads.count))
        }
        buildLabels = []
        buildTargets = []
        buildPayloads = []
    }

    /// Calls `body` with the payloads of every stored prefix of `bytes`, shortest first.
    @inline(__always)
    func walk<C: Collection<UInt8>>(_ bytes: C, _ body: (Payload) -> Void) {
        var node = 0
        emit(node, body)
        for b in bytes {
            var e = Int(edgeStart[node])
            let end = Int(edgeStart[node + 1])
            while e < end, edgeLabels[e] < b { e += 1 }
            guard e < end, edgeLabels[e] == b else { return }
            node = Int(edgeTargets[e])
            emit(node, body)
        }
    }

    @inline(__always)
    private func emit(_ node: Int, _ body: (Payload) -> Void) {
        var p = Int(payloadStart[node])
        let end = Int(payloadStart[node + 1])
        while p < end {
            body(payloads[p])
            p += 1
        }
    }
}
