import Foundation

/// Turns story text into weighted terms for relatedness: lower-cased words without stop
/// words, stemmed ("talks" and "talking" meet at "talk"), plus named things — runs of
/// capitalised words such as "Time Warner" or "Kabul" in the middle of a sentence — which
/// count extra because stories about the same people and places belong together.
public struct TextAnalyzer: Sendable {
    /// Extra weight of a word that is part of a name.
    public var nameBoost: Double = 1.0
    /// Weight of two neighbouring content words as one term (0: none).
    public var bigramWeight: Double = 0

    public init() {}

    /// Term counts of one text; `weight` scales a field (the headline counts more than the body).
    public func terms(_ text: String, weight: Double = 1, into counts: inout [String: Double]) {
        var sentenceStart = true
        var name: [String] = []
        func endName() {
            if name.count >= 2 { counts["@" + name.joined(separator: " "), default: 0] += weight * (1 + nameBoost) }
            name.removeAll()
        }
        var previous: String?
        for (word, startsSentence) in Self.words(text) {
            let lower = word.lowercased()
            let capitalised = word.first.map { $0.isUppercase } ?? false
            let isName = capitalised && !(startsSentence && Self.stopWords.contains(lower)) && !Self.stopWords.contains(lower)
            if isName && !(startsSentence && name.isEmpty && Self.commonSentenceStarts.contains(lower)) {
                name.append(lower)
            } else {
                endName()
            }
            sentenceStart = false
            if startsSentence { previous = nil }
            guard lower.count > 1, !Self.stopWords.contains(lower), !lower.allSatisfy(\.isNumber) else { continue }
            let term = PorterStemmer.stem(lower)
            counts[term, default: 0] += weight * (isName && !startsSentence ? 1 + nameBoost : 1)
            if bigramWeight > 0, let previous { counts[previous + " " + term, default: 0] += weight * bigramWeight }
            previous = term
        }
        endName()
        _ = sentenceStart
    }

    /// Words with whether each begins a sentence. Apostrophes stay inside words ("Russia's"
    /// gives "russia"); everything that is not a letter or digit separates.
    static func words(_ text: String) -> [(String, Bool)] {
        var out: [(String, Bool)] = []
        var current = ""
        var startsSentence = true
        var nextStartsSentence = true
        func flush() {
            guard !current.isEmpty else { return }
            var word = current
            if let apostrophe = word.firstIndex(where: { $0 == "'" || $0 == "’" }) { word = String(word[..<apostrophe]) }
            if !word.isEmpty { out.append((word, startsSentence)) }
            current = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || ((character == "'" || character == "’") && !current.isEmpty) {
                if current.isEmpty {
                    startsSentence = nextStartsSentence
                    nextStartsSentence = false
                }
                current.append(character)
            } else {
                flush()
                if character == "." || character == "!" || character == "?" || character.isNewline || character == ":" || character == "\"" {
                    nextStartsSentence = true
                }
            }
        }
        flush()
        return out
    }

    /// Words that start sentences capitalised without naming anything.
    static let commonSentenceStarts: Set<String> = ["but", "and", "however", "yet", "so", "meanwhile", "still", "also", "now", "then", "last", "this", "that", "these", "those", "there", "when", "while", "after", "before", "since", "although", "if", "in", "on", "at", "for", "with", "as", "by", "from", "it", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "its", "mr", "mrs", "ms"]

    /// English stop words: the commonest words, which say nothing about a story's subject.
    public static let stopWords: Set<String> = Set("""
        a about above after again against all almost also although am among an and another any are aren around as at \
        be became because become been before being below between both but by can cannot could couldn did didn do does \
        doesn doing don down during each either else even ever every few for from further get gets got had hadn has \
        hasn have haven having he her here hers herself him himself his how however i if in into is isn it its itself \
        just last least less let like made make many may me might more most much must my myself neither new no nor not \
        now of off often on once one only or other others our ours ourselves out over own per perhaps put rather really \
        said same say says see seen shall she should shouldn since so some still such take than that the their theirs \
        them themselves then there these they this those though through thus to told too two under until up upon us \
        very was wasn way we well were weren what whatever when where whether which while who whom whose why will with \
        within without won would wouldn year years yet you your yours yourself yourselves mr mrs ms told according \
        including three four five first second time week weeks day days month months people
        """.split(whereSeparator: { $0 == " " || $0.isNewline }).map(String.init))
}
