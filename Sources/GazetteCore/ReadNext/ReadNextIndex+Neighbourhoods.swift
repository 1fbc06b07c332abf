import Foundation

extension ReadNextIndex {
    // MARK: Neighbourhoods

    /// Computes and keeps a story's profile; call it for stories that were added or changed,
    /// and for their neighbours (`ReadNextLists` does).
    /// Returns the candidates it was made from (the same as `candidates(for:now:)`).
    @discardableResult
    public mutating func refreshProfile(_ id: UUID, now: Date) -> [Scored] {
        guard let slot = slots[id] else { return [] }
        let found = candidates(for: slot, now: now)
        profiles[id] = profile(of: slot, from: found)
        return found
    }

    /// Whether a story has a profile (stories get one when `refreshProfile` runs for them).
    public func hasProfile(_ id: UUID) -> Bool { profiles[id] != nil }

    /// The profile of the story in `slot`, from its candidates by relatedness.
    func profile(of slot: Int, from candidates: [Scored]) -> Profile {
        let strongest = candidates.count > settings.profileNeighbours
            ? Array(candidates.sorted { $0.relatedness > $1.relatedness }.prefix(settings.profileNeighbours))
            : candidates
        var pairs: [(Int32, Double)] = [(cards[slot].serial, max(strongest.map(\.relatedness).max() ?? 1, 1e-9))]
        for candidate in strongest where candidate.relatedness > 0 {
            if let other = slots[candidate.id] { pairs.append((cards[other].serial, candidate.relatedness)) }
        }
        pairs.sort { $0.0 < $1.0 }
        let length = max(pairs.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot(), 1e-9)
        return Profile(serials: pairs.map(\.0), weights: pairs.map { Float($0.1 / length) })
    }

    /// Cosine of two profiles (both unit length).
    static func agreement(_ a: Profile, _ b: Profile) -> Double {
        dot(a.serials, a.weights, b.serials, b.weights) { _ in 1 }
    }

    /// Dot product of two sparse vectors with ascending keys, each shared key's product
    /// scaled by `factor(key)`.
    @inline(__always)
    static func dot(_ aKeys: [Int32], _ aWeights: [Float], _ bKeys: [Int32], _ bWeights: [Float], factor: (Int32) -> Double) -> Double {
        var i = 0, j = 0
        var sum = 0.0
        while i < aKeys.count && j < bKeys.count {
            if aKeys[i] == bKeys[j] {
                sum += Double(aWeights[i]) * Double(bWeights[j]) * factor(aKeys[i])
                i += 1
                j += 1
            } else if aKeys[i] < bKeys[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// The best candidates by text ranked again with neighbourhood agreement added to their
    /// relatedness (freshness applied after), then the rest as they were.
    func reranked(_ candidates: [Scored], of id: UUID, now: Date) -> [Scored] {
        guard settings.profileWeight > 0, let slot = slots[id], !candidates.isEmpty else { return candidates }
        let own = profiles[id] ?? profile(of: slot, from: candidates)
        let pool = candidates.prefix(max(settings.profileNeighbours, settings.count))
        var rescored = pool.map { candidate -> Scored in
            guard let other = profiles[candidate.id], let otherSlot = slots[candidate.id] else { return candidate }
            let relatedness = candidate.relatedness + settings.profileWeight * Self.agreement(own, other)
            return Scored(id: candidate.id, relatedness: relatedness, score: relatedness * freshness(cards[otherSlot].publishedAt, now: now))
        }
        rescored.sort(by: Scored.ranksBefore)
        return rescored + candidates.dropFirst(pool.count)
    }

    /// How a story would score in another's list, neighbourhood agreement included.
    public func score(of id: UUID, inListOf other: UUID, relatedness: Double, now: Date) -> Double {
        guard let slot = slots[id] else { return 0 }
        var total = relatedness
        if settings.profileWeight > 0, let a = profiles[id], let b = profiles[other] { total += settings.profileWeight * Self.agreement(a, b) }
        return total * freshness(cards[slot].publishedAt, now: now)
    }

    /// Every story sharing a strong term with this one, best first.
    public func candidates(for id: UUID, now: Date) -> [Scored] {
        guard let slot = slots[id] else { return [] }
        return candidates(for: slot, now: now)
    }

    /// At most this many candidates are ranked and returned: lists, profiles and update
    /// checks use far fewer, and on a large site a common word reaches tens of thousands.
    static let candidateLimit = 1_000

    func candidates(for slot: Int, now: Date) -> [Scored] {
        guard let entry = entries[slot] else { return [] }
        let total = Double(slots.count)
        var query: [Int32: Double] = [:]
        query.reserveCapacity(entry.terms.count * 8)
        for (index, term) in entry.terms.enumerated() {
            query[term] = Double(entry.weights[index]) * idf(term, total: total) / norms[slot]
        }
        var sums = accumulate(query, excluding: slot, total: total)
        if settings.expansionWeight > 0 && settings.expansionNeighbours > 0 {
            let nearest = Self.best(settings.expansionNeighbours, of: sums) { $0.sum / norms[Int($0.slot)] }
            let share = settings.expansionWeight / Double(max(nearest.count, 1))
            for (other, _) in nearest {
                let neighbour = entries[Int(other)]!
                for (index, term) in neighbour.terms.enumerated() {
                    query[term, default: 0] += share * Double(neighbour.weights[index]) * idf(term, total: total) / norms[Int(other)]
                }
            }
            sums = accumulate(query, excluding: slot, total: total)
        }
        let queryNorm = max(query.values.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-9)
        let tags = Set(entry.document.tagIDs)
        // On a large site common words reach most stories: the best by text alone are chosen
        // from the plain sums first (labels and freshness move a story by a little, not from
        // beyond the first few thousand), and only they are scored in full.
        let shortlist = Self.best(Self.candidateLimit * 4, of: sums) { $0.sum / norms[Int($0.slot)] }
        var scored: [Scored] = []
        scored.reserveCapacity(shortlist.count)
        for (other, sum) in shortlist {
            let candidate = cards[Int(other)]
            var relatedness = sum / (queryNorm * norms[Int(other)])
            if let rubric = entry.document.rubricID, candidate.rubricID == rubric { relatedness += settings.sameRubricBonus }
            if !tags.isEmpty, let tagged = entries[Int(other)] {
                relatedness += Double(tagged.document.tagIDs.filter(tags.contains).count) * settings.sharedTagBonus
            }
            scored.append(Scored(id: candidate.id, relatedness: relatedness, score: relatedness * freshness(candidate.publishedAt, now: now)))
        }
        return Self.best(Self.candidateLimit, of: scored, by: \.score).sorted(by: Scored.ranksBefore)
    }

    /// The `count` elements with the highest `value`, in no order: a threshold found by
    /// selection, so a long list is not sorted whole.
    static func best<T>(_ count: Int, of items: [T], by value: (T) -> Double) -> [T] {
        guard items.count > count, count > 0 else { return count > 0 ? items : [] }
        var values = items.map(value)
        // Quickselect for the count-th largest value.
        var low = 0, high = values.count - 1
        let k = count - 1
        while low < high {
            let pivot = values[(low + high) / 2]
            var i = low, j = high
            while i <= j {
                while values[i] > pivot { i += 1 }
                while values[j] < pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { high = j } else if k >= i { low = i } else { break }
        }
        let threshold = values[k]
        var above = items.filter { value($0) > threshold }
        for item in items where above.count < count && value(item) == threshold { above.append(item) }
        return above
    }

    /// Dot products of a query (term → weight) with every story sharing one of its strongest
    /// terms; divide by a story's norm for its cosine. Sums go into a dense array, which is
    /// several times faster than a dictionary over long postings lists.
    func accumulate(_ query: [Int32: Double], excluding slot: Int, total: Double) -> [(slot: Int32, sum: Double)] {
        let strongest = Self.best(settings.queryTerms, of: Array(query.filter { documentFrequency[Int($0.key)] <= settings.maxPostingsPerTerm }), by: \.value)
        var sums = [Double](repeating: 0, count: entries.count)
        var touched: [Int32] = []
        for (term, weight) in strongest {
            let termIDF = idf(term, total: total)
            for posting in postings[Int(term)] {
                let other = Int(posting.slot)
                if sums[other] == 0 {
                    guard other != slot, norms[other] > 0 else { continue }
                    touched.append(posting.slot)
                }
                sums[other] += weight * Double(posting.weight) * termIDF
            }
        }
        return touched.map { ($0, sums[Int($0)]) }
    }

    /// 1 for a story from now, falling towards `1 - freshnessWeight` with age. Stories
    /// without a date are treated as a half-life old.
    public func freshness(_ publishedAt: Date?, now: Date) -> Double {
        let weight = min(max(settings.freshnessWeight, 0), 1)
        let ageDays = publishedAt.map { max(0, now.timeIntervalSince($0)) / 86_400 } ?? settings.freshnessHalfLifeDays
        return (1 - weight) + weight * pow(0.5, ageDays / max(settings.freshnessHalfLifeDays, 0.001))
    }

    /// Cosine similarity of two stories' text.
    public func similarity(_ a: UUID, _ b: UUID) -> Double {
        guard let x = slots[a], let y = slots[b] else { return 0 }
        return similarity(x, y)
    }

    func similarity(_ x: Int, _ y: Int) -> Double {
        guard let a = entries[x], let b = entries[y] else { return 0 }
        let total = Double(slots.count)
        let sum = Self.dot(a.terms, a.weights, b.terms, b.weights) { term in
            let termIDF = idf(term, total: total)
            return termIDF * termIDF
        }
        return sum / (norms[x] * norms[y])
    }

    func idf(_ term: Int32, total: Double) -> Double {
        log(1 + total / Double(max(documentFrequency[Int(term)], 1)))
    }

    func norm(of entry: Entry) -> Double {
        let total = Double(max(slots.count, 1))
        var sum = 0.0
        for (index, term) in entry.terms.enumerated() {
            let weight = Double(entry.weights[index]) * idf(term, total: total)
            sum += weight * weight
        }
        return max(sum.squareRoot(), 1e-9)
    }
}
