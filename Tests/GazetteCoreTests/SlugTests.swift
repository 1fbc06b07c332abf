import GazetteCore
import Testing

@Suite("Slugs")
struct SlugTests {
    @Test("headlines become lower-case hyphenated ASCII")
    func headline() {
        #expect(Slug.make(from: "Russia's envoy holds talks with Taliban leaders") == "russias-envoy-holds-talks-with-taliban-leaders")
        #expect(Slug.make(from: "Ukraine–Russia: talks in Istanbul, 2 June") == "ukraine-russia-talks-in-istanbul-2-june")
    }

    @Test("accents are folded")
    func accents() {
        #expect(Slug.make(from: "Café société à Zürich") == "cafe-societe-a-zurich")
    }

    @Test("text without letters still gives a usable slug")
    func empty() {
        #expect(Slug.make(from: "!!!") == "story")
        #expect(Slug.make(from: "") == "story")
    }

    @Test("long headlines are cut at a word boundary")
    func long() {
        let slug = Slug.make(from: String(repeating: "word ", count: 40), maxLength: 30)
        #expect(slug.count <= 30)
        #expect(!slug.hasSuffix("-"))
        #expect(slug.hasPrefix("word-word"))
    }

    @Test("validity", arguments: [
        ("good-slug-1", true), ("", false), ("-lead", false), ("trail-", false), ("dou--ble", false),
        ("Upper", false), ("with space", false), ("ümlaut", false), ("../etc", false),
    ])
    func validity(slug: String, valid: Bool) {
        #expect(Slug.isValid(slug) == valid)
    }
}
