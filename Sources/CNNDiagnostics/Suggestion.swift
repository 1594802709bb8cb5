/// "Did you mean" by edit distance: the closest candidate, if it is close enough to be a typo.
public enum Suggestion {
    /// The candidate with the smallest optimal-string-alignment distance to `word`
    /// (insertions, deletions, substitutions, swaps of neighbours), allowing about one edit per three characters.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let typed = Array(word.unicodeScalars)
        guard !typed.isEmpty, typed.count <= 32 else { return nil }
        let allowed = max(1, typed.count / 3)
        // Ties go to the candidate closest in length: a mistyped letter is likelier than a lost one.
        var best: (candidate: String, rank: (Int, Int))?
        for candidate in candidates {
            let scalars = Array(candidate.unicodeScalars)
            // The distance is at least the difference in length: skip the table when that is too far.
            guard abs(scalars.count - typed.count) <= allowed else { continue }
            let distance = editDistance(typed, scalars)
            let rank = (distance, abs(scalars.count - typed.count))
            if distance <= allowed, distance < typed.count, best.map({ rank < $0.rank }) ?? true {
                best = (candidate, rank)
            }
        }
        return best?.candidate
    }

    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows of the dynamic-programming table: the swap rule looks two rows back.
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
