import Foundation


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

    var vocabulary: [String: Int32] = [:]
    var documentFrequency: [Int32] = []
    /// For each term, the slots of the entries that have it and its weight there. Slots of
    /// removed entries stay until `compact()`; they are skipped.
    var postings: [[(slot: Int32, weight: Float)]] = []
    var entries: [Entry?] = []
    /// Each slot's vector length, 0 for a removed story, and what scoring needs of it: the
    /// hot loops read these plain values instead of copying entries (each copy retains the
    /// entry's strings and arrays).
    var norms: [Double] = []
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
    var cards: [Card] = []
    var slots: [UUID: Int] = [:]
    var nextSerial: Int32 = 0

    /// A story's neighbourhood: serials of its most related stories (and itself), ascending,
    /// with unit-length weights.
    struct Profile: Sendable {
        var serials: [Int32]
        var weights: [Float]
    }
    var profiles: [UUID: Profile] = [:]
    var deadSlots = 0
    /// Running mean of story lengths (weighted word counts), for BM25 saturation.
    var meanLength = 0.0
    var lengthsSeen = 0.0

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

}
