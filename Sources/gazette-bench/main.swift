import Foundation
import GazetteCore

// Read next quality and cost, measured on JSON Lines corpora (the format `gazette import
// jsonl` reads): precision@5 against the corpus's topic labels, the time to build the index
// and every list, the time per story update, and freshness on a dated corpus.
//   usage: gazette-bench readnext LABELLED.jsonl [DATED.jsonl]
// And the cost of rendering comment text and story Markdown per KB (scripts/bench/render.sh):
//   usage: gazette-bench render
// And a photo-like JPEG made by the program, for the photo benchmark (scripts/bench/photos.sh):
//   usage: gazette-bench photo WIDTH HEIGHT SEED FILE

let importedAt = Date()

func load(_ path: String) throws -> [(line: StoryImportLine, document: ReadNextDocument)] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).compactMap { raw in
        guard let line = try? StoryImportLine.parse(String(raw)) else { return nil }
        // Headline, lead and date as the importer makes them (undated lines get one shared date).
        let story = line.newStory(importedAt: importedAt)
        // No rubric and no tags: the labels are what is measured, so the ranker must not see them.
        return (line, ReadNextDocument(id: UUID(), headline: story.headline, lead: story.lead, body: line.body, publishedAt: story.publishedAt))
    }
}

func seconds(_ start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func precision(_ stories: [(line: StoryImportLine, document: ReadNextDocument)], lists: ReadNextLists) -> (Double, Int) {
    let labels = Dictionary(uniqueKeysWithValues: stories.map { ($0.document.id, $0.line.label ?? "") })
    var hits = 0
    var total = 0
    for story in stories {
        let list = lists.list(for: story.document.id)
        total += 5
        hits += list.filter { labels[$0] == story.line.label }.count
    }
    return (Double(hits) / Double(max(total, 1)), total / 5)
}

func readNext(labelled: String, dated: String?) throws {
    let stories = try load(labelled)
    let now = importedAt
    var settings = ReadNextSettings()
    // Knobs for tuning runs: READNEXT_<NAME>=value.
    let environment = ProcessInfo.processInfo.environment
    func knob(_ name: String) -> Double? { environment["READNEXT_" + name].flatMap(Double.init) }
    settings.queryTerms = knob("QUERY_TERMS").map(Int.init) ?? settings.queryTerms
    settings.nearDuplicateSimilarity = knob("NEAR_DUPLICATE") ?? settings.nearDuplicateSimilarity
    settings.headlineWeight = knob("HEADLINE") ?? settings.headlineWeight
    settings.leadWeight = knob("LEAD") ?? settings.leadWeight
    settings.nameBoost = knob("NAME_BOOST") ?? settings.nameBoost
    settings.expansionWeight = knob("EXPANSION") ?? settings.expansionWeight
    settings.expansionNeighbours = knob("NEIGHBOURS").map(Int.init) ?? settings.expansionNeighbours
    settings.bigramWeight = knob("BIGRAM") ?? settings.bigramWeight
    settings.profileWeight = knob("PROFILE_WEIGHT") ?? settings.profileWeight
    settings.profileNeighbours = knob("PROFILE_NEIGHBOURS").map(Int.init) ?? settings.profileNeighbours
    settings.maxPostingsPerTerm = knob("MAX_POSTINGS").map(Int.init) ?? settings.maxPostingsPerTerm
    var lists = ReadNextLists(settings: settings)
    var start = ContinuousClock.now
    lists.load(stories.map(\.document), curation: [:], now: now)
    let build = seconds(start)
    let (score, count) = precision(stories, lists: lists)
    print("corpus            \(labelled): \(count) stories, \(Set(stories.compactMap(\.line.label)).count) labels")
    print(String(format: "precision@5       %.3f   (text only: rubric and tags withheld; reference TF-IDF 0.934, embeddings 0.932, both 0.942; goal 0.95)", score))
    print(String(format: "index build       %.2f s for %d stories and their lists (%.2f ms per story)", build, count, build * 1000 / Double(count)))

    // Updates: a story edited (its text changes) and a new story arriving, with every
    // list it enters or leaves recomputed.
    var generator = SystemRandomNumberGenerator()
    let sample = (0..<200).map { _ in stories[Int.random(in: 0..<stories.count, using: &generator)] }
    var changed = 0
    start = ContinuousClock.now
    for story in sample {
        var edited = story.document
        edited.body += "\nUpdate: this story was corrected."
        changed += lists.upsert(edited, now: now).count
    }
    let perUpdate = seconds(start) * 1000 / Double(sample.count)
    print(String(format: "story update      %.2f ms per update (%d updates, %.1f lists changed per update)", perUpdate, sample.count, Double(changed) / Double(sample.count)))
    let (after, _) = precision(stories, lists: lists)
    print(String(format: "precision@5       %.3f after the updates", after))

    guard let dated else { return }
    let news = try load(dated).filter { $0.line.publishedAt != nil }
    guard let newest = news.compactMap(\.document.publishedAt).max() else { return }
    print("dated corpus      \(dated): \(news.count) stories with dates, newest \(newest)")
    for weight in [0.0, ReadNextSettings().freshnessWeight, 0.9] {
        var settings = ReadNextSettings()
        settings.freshnessWeight = weight
        var dated = ReadNextLists(settings: settings)
        dated.load(news.map(\.document), curation: [:], now: newest)
        let dates = Dictionary(uniqueKeysWithValues: news.map { ($0.document.id, $0.document.publishedAt!) })
        var ages: [Double] = []
        var similarity = 0.0
        for story in news {
            for id in dated.list(for: story.document.id) {
                ages.append(newest.timeIntervalSince(dates[id]!) / 86_400)
                similarity += dated.index.similarity(story.document.id, id)
            }
        }
        ages.sort()
        let median = ages.isEmpty ? 0 : ages[ages.count / 2]
        print(String(format: "freshness %.2f    median age of listed stories %.0f days, mean text similarity %.3f", weight, median, similarity / Double(max(ages.count, 1))))
    }
}

/// Rendering cost per KB for plain text and for the worst inputs found, for comment text and
/// story Markdown (rendered and sanitised), at two sizes so a cost that is not linear shows.
func renderCost() {
    let pieces = ["plain text ", "[", "[a](", "*", "**", "_a", "`", "http://", "> ", "[x](http://a.example/", "*_`[", "*_",
                  "*a_", "_*a", "**_", "a*_", "[*", "![[", "*[_", "<a", "`*", "~~*", "~*_", "*a**",
                  "\\<p", "<b>", "&<svg/onload=x>;", "- ", "1. ", "|a", "![", "<", "&"]
    func measure(_ work: (String) -> Void, size: Int) -> [(String, Double)] {
        pieces.map { piece in
            let text = String(String(repeating: piece, count: size / piece.count + 1).prefix(size))
            var best = Double.infinity
            for _ in 0..<3 {
                let start = ContinuousClock.now
                work(text)
                best = min(best, seconds(start))
            }
            return (piece, best * 1000 / (Double(size) / 1024))
        }
    }
    let renderer = MarkdownRenderer()
    let cases: [(String, Int, (String) -> Void)] = [
        ("comment text", CommentText.textMaxLength, { _ = CommentText.html(CommentText.normalize($0, multiline: true)) }),
        ("story Markdown", 20_000, { _ = renderer.html(from: $0) }),
        ("story Markdown", StoryRules.bodyMaxLength, { _ = renderer.html(from: $0) }),
    ]
    for (name, size, work) in cases {
        let costs = measure(work, size: size)
        let plain = costs[0].1
        let worst = costs.max { $0.1 < $1.1 }!
        print(String(format: "%@, %d chars: plain text %.3f ms/KB; worst %.3f ms/KB (%.1f× plain, %.0f ms in all) for repeated \"%@\"",
                     name, size, plain, worst.1, worst.1 / plain, worst.1 * Double(size) / 1024, worst.0))
    }
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "photo", arguments.count == 5 {
    let values = Array(arguments.dropFirst())
    guard let width = Int(values[0]), let height = Int(values[1]), let seed = UInt32(values[2]) else { exit(2) }
    let bytes = PhotoProcessor.synthetic(width: width, height: height, seed: seed)
    guard !bytes.isEmpty, FileManager.default.createFile(atPath: values[3], contents: Data(bytes)) else { exit(1) }
    exit(0)
}
if arguments.first == "render" {
    renderCost()
    exit(0)
}
guard arguments.first == "readnext", arguments.count >= 2 else {
    print("usage: gazette-bench readnext LABELLED.jsonl [DATED.jsonl] | gazette-bench render | gazette-bench photo WIDTH HEIGHT SEED FILE")
    exit(2)
}
try readNext(labelled: arguments[arguments.startIndex + 1], dated: arguments.count > 2 ? arguments[arguments.startIndex + 2] : nil)
