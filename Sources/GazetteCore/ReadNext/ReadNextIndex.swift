import Foundation

/// How Read next weighs relatedness, freshness and the newsroom's own labels.
public struct ReadNextSettings: Sendable, Equatable {
    /// Stories in the list.
    public var count = 5
    /// The blend of freshness into relatedness, from 0 (relatedness alone) to 1 (a story's
    /// relatedness is scaled entirely by its freshness). With the default 0.5 a story from today
    /// keeps its whole relatedness and one `freshnessHalfLifeDays` old keeps three quarters,
    /// so an equally related story from today wins, but a much more related older one still can.
    public var freshnessWeight = 0.5
    public var freshnessHalfLifeDays = 7.0
    /// Added to the text similarity (0...1) for the same rubric and for each shared tag.
    public var sameRubricBonus = 0.05
    public var sharedTagBonus = 0.05
    /// Two stories more alike than this tell the same event: only the better one is listed.
    public var nearDuplicateSimilarity = 0.6
    /// The story's strongest terms used to find candidates (the rest add little but time).
    public var queryTerms = 300
    /// How much more a headline word and a lead word count than a body word.
    public var headlineWeight = 3.0
    public var leadWeight = 2.0
    /// Extra weight of words that are part of names (see `TextAnalyzer`).
    public var nameBoost = 0.25
    /// Weight of word pairs ("interest rate") as terms of their own.
    public var bigramWeight = 0.3
    /// Query expansion: the story's query is widened by the centroid of its
    /// `expansionNeighbours` nearest stories, weighted by `expansionWeight` (0 turns it off).
    /// Words the whole neighbourhood shares then count, and a story that shares only one
    /// unusual word with this one ranks lower.
    public var expansionWeight = 2.0
    public var expansionNeighbours = 30
    /// Neighbourhood agreement: each story's profile is its `profileNeighbours` most related
    /// stories with their relatedness. Two stories whose profiles overlap belong to the same
    /// area of the news even when their own words differ; the cosine of the profiles times
    /// `profileWeight` is added to relatedness (0 turns it off). The best
    /// `profileNeighbours` candidates by text are ranked again this way.
    public var profileWeight = 0.5
    public var profileNeighbours = 150
    /// Words in more stories than this are left out of the candidate search (not out of
    /// similarity): on a large site their postings lists dominate the cost and they say
    /// little about a story's subject.
    public var maxPostingsPerTerm = 5_000

    public init() {}
}

/// A story as the Read next index sees it.
public struct ReadNextDocument: Sendable, Equatable {
    public var id: UUID
    public var headline: String
    public var lead: String
    public var body: String
    public var rubricID: UUID?
    public var tagIDs: [UUID]
    public var publishedAt: Date?

    public init(id: UUID, headline: String, lead: String, body: String, rubricID: UUID? = nil, tagIDs: [UUID] = [], publishedAt: Date?) {
        self.id = id
        self.headline = headline
        self.lead = lead
        self.body = body
        self.rubricID = rubricID
        self.tagIDs = tagIDs
        self.publishedAt = publishedAt
    }
}

/// An in-memory TF-IDF index of published stories that answers "which stories should a
/// reader of this one read next": cosine similarity of headline, lead and body (headline
/// and lead weighted up, names weighted up by `TextAnalyzer`), plus small bonuses for the
/// same rubric and shared tags, the best candidates ranked again by neighbourhood agreement
/// (see `ReadNextSettings.profileWeight`), scaled by freshness, with near-duplicates of one
/// event kept out, and the newsroom's pins and exclusions applied.
///
/// Stories can be added, replaced and removed one at a time; document frequencies follow.
/// A story's vector length is computed with the frequencies of the moment it was added,
/// which drifts a little as the collection grows; `rebuildNorms()` recomputes them.
public struct ReadNextIndex: Sendable {
    public var settings: ReadNextSettings
    var analyzer: TextAnalyzer {
        var analyzer = TextAnalyzer()
        analyzer.nameBoost = settings.nameBoost
        analyzer.bigramWeight = settings.bigramWeight
        return analyzer
    }

    struct Entry: Sendable {
        var document: ReadNextDocument
        /// Term ids, ascending, with their sub-linear term frequencies.
        var terms: [Int32]
        var weights: [Float]
    }

    private var vocabulary: [String: Int32] = [:]
    private var documentFrequency: [Int32] = []
    /// For each term, the slots of the entries that have it and its weight there. Slots of
    /// removed entries stay until `compact()`; they are skipped.
    private var postings: [[(slot: Int32, weight: Float)]] = []
    private var entries: [Entry?] = []
    /// Each slot's vector length, 0 for a removed story, and what scoring needs of it: the
    /// hot loops read these plain values instead of copying entries (each copy retains the
    /// entry's strings and arrays).
    private var norms: [Double] = []
    struct Card: Sendable {
        var id: UUID
        /// Stays with the story while it is in the index (slots move on `compact()`).
        var serial: Int32
        var publishedAt: Date?
        var rubricID: UUID?
        init(_ document: ReadNextDocument, serial: Int32) {
            id = document.id
            self.serial = serial
            publishedAt = document.publishedAt
            rubricID = document.rubricID
        }
    }
    private var cards: [Card] = []
    private var slots: [UUID: Int] = [:]
    private var nextSerial: Int32 = 0

    /// A story's neighbourhood: serials of its most related stories (and itself), ascending,
    /// with unit-length weights.
    struct Profile: Sendable {
        var serials: [Int32]
        var weights: [Float]
    }
    private var profiles: [UUID: Profile] = [:]
    private var deadSlots = 0
    /// Running mean of story lengths (weighted word counts), for BM25 saturation.
    private var meanLength = 0.0
    private var lengthsSeen = 0.0

    public init(settings: ReadNextSettings = ReadNextSettings()) {
        self.settings = settings
    }

    public var count: Int { slots.count }

    public func contains(_ id: UUID) -> Bool { slots[id] != nil }

    // MARK: Changes

    /// Adds a story, or replaces it when the index has it already.
    public mutating func upsert(_ document: ReadNextDocument) {
        remove(document.id)
        var counts: [String: Double] = [:]
        let analyzer = self.analyzer
        analyzer.terms(document.headline, weight: settings.headlineWeight, into: &counts)
        analyzer.terms(document.lead, weight: settings.leadWeight, into: &counts)
        analyzer.terms(document.body, weight: 1, into: &counts)
        var pairs: [(Int32, Float)] = []
        pairs.reserveCapacity(counts.count)
        for (term, count) in counts {
            let id: Int32
            if let known = vocabulary[term] {
                id = known
            } else {
                id = Int32(documentFrequency.count)
                vocabulary[term] = id
                documentFrequency.append(0)
                postings.append([])
            }
            documentFrequency[Int(id)] += 1
            pairs.append((id, Float(count)))
        }
        pairs.sort { $0.0 < $1.0 }
        // BM25's saturation instead of raw counts: the tenth "election" adds little, and long
        // stories do not look related to everything by sheer length.
        let length = pairs.reduce(0.0) { $0 + Double($1.1) }
        lengthsSeen += 1
        meanLength += (length - meanLength) / lengthsSeen
        let (k, b) = (1.2, 0.3)
        pairs = pairs.map { term, count in
            let tf = Double(count)
            return (term, Float(tf * (k + 1) / (tf + k * (1 - b + b * length / max(meanLength, 1)))))
        }
        let slot = entries.count
        let entry = Entry(document: document, terms: pairs.map(\.0), weights: pairs.map(\.1))
        for (term, weight) in pairs { postings[Int(term)].append((Int32(slot), weight)) }
        slots[document.id] = slot
        entries.append(entry)
        norms.append(norm(of: entry))
        cards.append(Card(document, serial: nextSerial))
        nextSerial += 1
    }

    public mutating func remove(_ id: UUID) {
        guard let slot = slots.removeValue(forKey: id), let entry = entries[slot] else { return }
        for term in entry.terms { documentFrequency[Int(term)] -= 1 }
        entries[slot] = nil
        norms[slot] = 0
        profiles[id] = nil
        deadSlots += 1
        if deadSlots > 1_000 && deadSlots > entries.count / 4 { compact() }
    }

    /// Recomputes every vector length with today's document frequencies.
    public mutating func rebuildNorms() {
        for slot in entries.indices {
            guard let entry = entries[slot] else { continue }
            norms[slot] = norm(of: entry)
        }
    }

    /// Drops removed entries from the postings.
    mutating func compact() {
        var moved: [Int: Int] = [:]
        var kept: [Entry?] = []
        var keptNorms: [Double] = []
        var keptCards: [Card] = []
        for (slot, entry) in entries.enumerated() where entry != nil {
            moved[slot] = kept.count
            kept.append(entry)
            keptNorms.append(norms[slot])
            keptCards.append(cards[slot])
        }
        entries = kept
        norms = keptNorms
        cards = keptCards
        postings = postings.map { list in list.compactMap { posting in moved[Int(posting.slot)].map { (Int32($0), posting.weight) } } }
        slots = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($0.element!.document.id, $0.offset) })
        deadSlots = 0
    }

    // MARK: Ranking

    /// A candidate for a story's list with how related it is (text and labels, before freshness).
    public struct Scored: Sendable, Equatable {
        public var id: UUID
        public var relatedness: Double
        public var score: Double

        /// Higher score first; ties by id, so lists do not depend on the order of work.
        static func ranksBefore(_ a: Scored, _ b: Scored) -> Bool {
            if a.score != b.score { return a.score > b.score }
            return a.id.uuidString < b.id.uuidString
        }
    }

    /// The list for a story: `pinned` first (those the index has, in order), then the best of
    /// the rest, without `excluded` and without two tellings of one event.
    public func readNext(for id: UUID, now: Date, pinned: [UUID] = [], excluded: Set<UUID> = []) -> [UUID] {
        rankedList(for: id, now: now, pinned: pinned, excluded: excluded).map(\.id)
    }

    /// `readNext` with each entry's scores; pinned entries score infinity.
    public func rankedList(for id: UUID, now: Date, pinned: [UUID] = [], excluded: Set<UUID> = []) -> [Scored] {
        var list: [Scored] = []
        for pin in pinned where pin != id && slots[pin] != nil && !excluded.contains(pin) && !list.contains(where: { $0.id == pin }) {
            list.append(Scored(id: pin, relatedness: similarity(id, pin), score: .infinity))
        }
        guard list.count < settings.count, let slot = slots[id] else { return Array(list.prefix(settings.count)) }
        var chosen = list.compactMap { slots[$0.id] }
        for candidate in reranked(candidates(for: slot, now: now), of: id, now: now) {
            guard chosen.count < settings.count else { break }
            guard !excluded.contains(candidate.id), !list.contains(where: { $0.id == candidate.id }), let candidateSlot = slots[candidate.id] else { continue }
            // A copy of the story itself is no reading tip; of two tellings of one event, the
            // better placed is kept.
            if similarity(candidateSlot, slot) > 0.95 { continue }
            if chosen.contains(where: { similarity(candidateSlot, $0) > settings.nearDuplicateSimilarity }) { continue }
            chosen.append(candidateSlot)
            list.append(candidate)
        }
        return list
    }

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
    private func profile(of slot: Int, from candidates: [Scored]) -> Profile {
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
    private func reranked(_ candidates: [Scored], of id: UUID, now: Date) -> [Scored] {
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
    private func accumulate(_ query: [Int32: Double], excluding slot: Int, total: Double) -> [(slot: Int32, sum: Double)] {
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

    private func norm(of entry: Entry) -> Double {
        let total = Double(max(slots.count, 1))
        var sum = 0.0
        for (index, term) in entry.terms.enumerated() {
            let weight = Double(entry.weights[index]) * idf(term, total: total)
            sum += weight * weight
        }
        return max(sum.squareRoot(), 1e-9)
    }
}

/// Every story's Read next list, kept up to date as stories come, change and go: a change
/// recomputes the lists it can enter or leave, not all of them, and serving a list is a lookup.
public struct ReadNextLists: Sendable {
    public private(set) var index: ReadNextIndex
    public private(set) var lists: [UUID: [ReadNextIndex.Scored]] = [:]
    /// The newsroom's choices per story.
    private var curation: [UUID: ReadNextCuration] = [:]
    /// Which lists each story appears in.
    private var appearsIn: [UUID: Set<UUID>] = [:]
    /// How many of a changed story's best candidates are checked for a place in their lists.
    public var neighboursChecked = 50
    /// How many of them get their neighbourhood profile recomputed (the nearest change most).
    public var profilesRefreshed = 10

    public init(settings: ReadNextSettings = ReadNextSettings()) {
        index = ReadNextIndex(settings: settings)
    }

    public func list(for id: UUID) -> [UUID] { lists[id]?.map(\.id) ?? [] }

    /// Loads many stories at once, then computes every list: for start-up and rebuilds.
    public mutating func load(_ documents: [ReadNextDocument], curation: [UUID: ReadNextCuration], now: Date) {
        for document in documents { index.upsert(document) }
        index.rebuildNorms()
        for document in documents { index.refreshProfile(document.id, now: now) }
        self.curation = curation
        lists = [:]
        appearsIn = [:]
        for document in documents { recompute(document.id, now: now) }
    }

    /// A story was published or changed. Returns the stories whose lists changed.
    @discardableResult
    public mutating func upsert(_ document: ReadNextDocument, curation storyCuration: ReadNextCuration = ReadNextCuration(), now: Date) -> Set<UUID> {
        curation[document.id] = storyCuration.isEmpty ? nil : storyCuration
        index.upsert(document)
        let candidates = index.refreshProfile(document.id, now: now)
        var affected: Set<UUID> = appearsIn[document.id] ?? []
        affected.insert(document.id)
        affected.formUnion(pinnedBy(document.id))
        // A neighbour's list takes the story when it scores above that list's last entry.
        // Neighbourhoods drift a little with each story; the nearest are brought up to date.
        for (rank, neighbour) in candidates.prefix(neighboursChecked).enumerated() {
            if rank < profilesRefreshed { index.refreshProfile(neighbour.id, now: now) }
            guard let list = lists[neighbour.id] else { continue }
            let scoreThere = index.score(of: document.id, inListOf: neighbour.id, relatedness: neighbour.relatedness, now: now)
            if list.count < index.settings.count || scoreThere > (list.last?.score ?? 0) { affected.insert(neighbour.id) }
        }
        return recompute(affected, now: now)
    }

    /// A story was unpublished or deleted. Returns the stories whose lists changed.
    @discardableResult
    public mutating func remove(_ id: UUID, now: Date) -> Set<UUID> {
        guard index.contains(id) else { return [] }
        index.remove(id)
        curation[id] = nil
        for listed in lists.removeValue(forKey: id) ?? [] { appearsIn[listed.id]?.remove(id) }
        let affected = appearsIn.removeValue(forKey: id) ?? []
        return recompute(affected, now: now)
    }

    private func pinnedBy(_ id: UUID) -> Set<UUID> {
        Set(curation.filter { $0.value.pinned.contains(id) }.keys)
    }

    private mutating func recompute(_ ids: Set<UUID>, now: Date) -> Set<UUID> {
        var changed: Set<UUID> = []
        for id in ids where recompute(id, now: now) { changed.insert(id) }
        return changed
    }

    @discardableResult
    private mutating func recompute(_ id: UUID, now: Date) -> Bool {
        let old = lists[id] ?? []
        guard index.contains(id) else { return false }
        let choice = curation[id] ?? ReadNextCuration()
        let new = index.rankedList(for: id, now: now, pinned: choice.pinned, excluded: choice.excluded)
        for entry in old { appearsIn[entry.id]?.remove(id) }
        for entry in new { appearsIn[entry.id, default: []].insert(id) }
        lists[id] = new
        return old.map(\.id) != new.map(\.id)
    }
}

/// The newsroom's hand on one story's Read next: stories pinned in order, stories kept out.
public struct ReadNextCuration: Sendable, Equatable {
    public var pinned: [UUID]
    public var excluded: Set<UUID>

    public init(pinned: [UUID] = [], excluded: Set<UUID> = []) {
        self.pinned = pinned
        self.excluded = excluded
    }

    public var isEmpty: Bool { pinned.isEmpty && excluded.isEmpty }
}
