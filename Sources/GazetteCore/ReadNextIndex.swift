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
    /// Query expansion: the story's query is widened by the centroid of its
    /// `expansionNeighbours` nearest stories, weighted by `expansionWeight` (0 turns it off).
    /// Words the whole neighbourhood shares then count, and a story that shares only one
    /// unusual word with this one ranks lower.
    public var expansionWeight = 2.0
    public var expansionNeighbours = 30

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
/// same rubric and shared tags, scaled by freshness, with near-duplicates of one event
/// kept out, and the newsroom's pins and exclusions applied.
///
/// Stories can be added, replaced and removed one at a time; document frequencies follow.
/// A story's vector length is computed with the frequencies of the moment it was added,
/// which drifts a little as the collection grows; `rebuildNorms()` recomputes them.
public struct ReadNextIndex: Sendable {
    public var settings: ReadNextSettings
    var analyzer: TextAnalyzer {
        var analyzer = TextAnalyzer()
        analyzer.nameBoost = settings.nameBoost
        return analyzer
    }

    struct Entry: Sendable {
        var document: ReadNextDocument
        /// Term ids, ascending, with their sub-linear term frequencies.
        var terms: [Int32]
        var weights: [Float]
        var norm: Double
    }

    private var vocabulary: [String: Int32] = [:]
    private var documentFrequency: [Int32] = []
    /// For each term, the slots of the entries that have it and its weight there. Slots of
    /// removed entries stay until `compact()`; they are skipped.
    private var postings: [[(slot: Int32, weight: Float)]] = []
    private var entries: [Entry?] = []
    private var slots: [UUID: Int] = [:]
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
        var entry = Entry(document: document, terms: pairs.map(\.0), weights: pairs.map(\.1), norm: 1)
        for (term, weight) in pairs { postings[Int(term)].append((Int32(slot), weight)) }
        slots[document.id] = slot
        entries.append(entry)
        entry.norm = norm(of: entry)
        entries[slot] = entry
    }

    public mutating func remove(_ id: UUID) {
        guard let slot = slots.removeValue(forKey: id), let entry = entries[slot] else { return }
        for term in entry.terms { documentFrequency[Int(term)] -= 1 }
        entries[slot] = nil
        deadSlots += 1
        if deadSlots > 1_000 && deadSlots > entries.count / 4 { compact() }
    }

    /// Recomputes every vector length with today's document frequencies.
    public mutating func rebuildNorms() {
        for slot in entries.indices {
            guard var entry = entries[slot] else { continue }
            entry.norm = norm(of: entry)
            entries[slot] = entry
        }
    }

    /// Drops removed entries from the postings.
    mutating func compact() {
        var moved: [Int: Int] = [:]
        var kept: [Entry?] = []
        for (slot, entry) in entries.enumerated() where entry != nil {
            moved[slot] = kept.count
            kept.append(entry)
        }
        entries = kept
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
        for candidate in candidates(for: slot, now: now) {
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

    /// Every story sharing a strong term with this one, best first.
    public func candidates(for id: UUID, now: Date) -> [Scored] {
        guard let slot = slots[id] else { return [] }
        return candidates(for: slot, now: now)
    }

    func candidates(for slot: Int, now: Date) -> [Scored] {
        guard let entry = entries[slot] else { return [] }
        let total = Double(slots.count)
        var query: [Int32: Double] = [:]
        for (index, term) in entry.terms.enumerated() {
            query[term] = Double(entry.weights[index]) * idf(term, total: total) / entry.norm
        }
        var sums = accumulate(query, excluding: slot, total: total)
        if settings.expansionWeight > 0 && settings.expansionNeighbours > 0 {
            let nearest = sums.sorted { a, b in a.value / entries[a.key]!.norm > b.value / entries[b.key]!.norm }.prefix(settings.expansionNeighbours)
            let share = settings.expansionWeight / Double(max(nearest.count, 1))
            for (other, _) in nearest {
                let neighbour = entries[other]!
                for (index, term) in neighbour.terms.enumerated() {
                    query[term, default: 0] += share * Double(neighbour.weights[index]) * idf(term, total: total) / neighbour.norm
                }
            }
            sums = accumulate(query, excluding: slot, total: total)
        }
        let queryNorm = max(query.values.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-9)
        let tags = Set(entry.document.tagIDs)
        var scored: [Scored] = []
        scored.reserveCapacity(sums.count)
        for (other, sum) in sums {
            guard let candidate = entries[other] else { continue }
            var relatedness = sum / (queryNorm * candidate.norm)
            if let rubric = entry.document.rubricID, candidate.document.rubricID == rubric { relatedness += settings.sameRubricBonus }
            relatedness += Double(candidate.document.tagIDs.filter(tags.contains).count) * settings.sharedTagBonus
            scored.append(Scored(id: candidate.document.id, relatedness: relatedness, score: relatedness * freshness(candidate.document.publishedAt, now: now)))
        }
        return scored.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            return a.id.uuidString < b.id.uuidString
        }
    }

    /// Dot products of a query (term → weight) with every story sharing one of its strongest
    /// terms; divide by a story's norm for its cosine.
    private func accumulate(_ query: [Int32: Double], excluding slot: Int, total: Double) -> [Int: Double] {
        var strongest = Array(query)
        if strongest.count > settings.queryTerms {
            strongest.sort { $0.value > $1.value }
            strongest.removeLast(strongest.count - settings.queryTerms)
        }
        var sums: [Int: Double] = [:]
        for (term, weight) in strongest {
            let termIDF = idf(term, total: total)
            for posting in postings[Int(term)] where Int(posting.slot) != slot && entries[Int(posting.slot)] != nil {
                sums[Int(posting.slot), default: 0] += weight * Double(posting.weight) * termIDF
            }
        }
        return sums
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
        var i = 0, j = 0
        var sum = 0.0
        while i < a.terms.count && j < b.terms.count {
            if a.terms[i] == b.terms[j] {
                let termIDF = idf(a.terms[i], total: total)
                sum += Double(a.weights[i]) * Double(b.weights[j]) * termIDF * termIDF
                i += 1
                j += 1
            } else if a.terms[i] < b.terms[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return sum / (a.norm * b.norm)
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

    public init(settings: ReadNextSettings = ReadNextSettings()) {
        index = ReadNextIndex(settings: settings)
    }

    public func list(for id: UUID) -> [UUID] { lists[id]?.map(\.id) ?? [] }

    /// Loads many stories at once, then computes every list: for start-up and rebuilds.
    public mutating func load(_ documents: [ReadNextDocument], curation: [UUID: ReadNextCuration], now: Date) {
        for document in documents { index.upsert(document) }
        index.rebuildNorms()
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
        var affected: Set<UUID> = appearsIn[document.id] ?? []
        affected.insert(document.id)
        affected.formUnion(pinnedBy(document.id))
        // A neighbour's list takes the story when it scores above that list's last entry.
        for neighbour in index.candidates(for: document.id, now: now).prefix(neighboursChecked) {
            guard let list = lists[neighbour.id] else { continue }
            let scoreThere = neighbour.relatedness * index.freshness(document.publishedAt, now: now)
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
