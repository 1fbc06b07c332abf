import Foundation
import GazetteCore
import Testing

@Suite("Search queries, snippets and stems")
struct SearchQueryTests {
    @Test("words, phrases, prefixes and exclusions are read; operators are not passed on")
    func parsing() {
        let query = SearchQuery.parse("Taliban* \"peace talks\" -football -\"red card\" Kabul")
        #expect(query.required == [.word("taliban", prefix: true), .phrase(["peace", "talks"]), .word("kabul", prefix: false)])
        #expect(query.excluded == [.word("football", prefix: false), .phrase(["red", "card"])])
        #expect(SearchQuery.parse("AND OR (NOT) talks:*").required.count == 4)
        #expect(SearchQuery.parse("\"unbalanced phrase").required == [.phrase(["unbalanced", "phrase"])])
        #expect(SearchQuery.parse("well-known").required == [.word("well", prefix: false), .word("known", prefix: false)])
        #expect(SearchQuery.parse("-only -exclusions").isEmpty)
        #expect(SearchQuery.parse("((( ))) *** \"\"").isEmpty)
        #expect(SearchQuery.parse(String(repeating: "word ", count: 1_000)).required.count == SearchQuery.maxParts)
    }

    @Test("snippets escape everything but their own marks")
    func snippets() {
        #expect(SearchSnippet.html("a <b>\u{2}talks\u{3}</b> & \u{2}more") == "a &lt;b&gt;<mark>talks</mark>&lt;/b&gt; &amp; <mark>more</mark>")
        #expect(SearchSnippet.html("\u{3}stray end") == "stray end")
        #expect(SearchSnippet.plainText(fromHTML: "<p>One &amp; <em>two</em>\u{2}</p><p>&lt;script&gt; &#2;x</p>") == "One & two <script> x")
    }

    @Test("the Porter stemmer joins word forms")
    func stems() {
        let cases = [
            "caresses": "caress", "ponies": "poni", "cats": "cat", "agreed": "agre", "plastered": "plaster",
            "motoring": "motor", "conflated": "conflat", "hopping": "hop", "filing": "file", "happy": "happi",
            "relational": "relat", "conditional": "condit", "negotiations": "negoti", "negotiate": "negoti",
            "generalization": "gener", "hopefulness": "hope", "electrical": "electr", "adjustable": "adjust",
            "controlling": "control", "rolls": "roll", "talks": "talk", "talking": "talk",
        ]
        for (word, stem) in cases { #expect(PorterStemmer.stem(word) == stem, "\(word)") }
        #expect(PorterStemmer.stem("кабул") == "кабул")
    }
}
