import Foundation
import GazetteCore
import Testing

@Suite("Comment text")
struct CommentTextTests {
    @Test("normalisation: NFC, no control or bidi characters, one blank line at most")
    func normalize() {
        #expect(CommentText.normalize("e\u{301}te", multiline: false) == "\u{e9}te")
        #expect(CommentText.normalize("a\u{0}b\u{7}c\u{202E}d", multiline: false) == "abcd")
        #expect(CommentText.normalize("  Name \n with\tspaces ", multiline: false) == "Name with spaces")
        #expect(CommentText.normalize("one\r\n\r\n\r\n\r\ntwo  \n", multiline: true) == "one\n\ntwo")
        #expect(CommentText.normalize("👩\u{200D}💻", multiline: false) == "👩\u{200D}💻")
        // Old Mac line ends, line and paragraph separators, blank lines at either end, indents kept.
        #expect(CommentText.normalize("\n \none\rtwo\u{2028}three\u{2029}\u{2029}\u{2029}  four \t\n\n", multiline: true) == "one\ntwo\nthree\n\n  four")
        #expect(CommentText.normalize("cafe\u{301}\r\n\r\nnai\u{308}ve", multiline: true) == "caf\u{e9}\n\nna\u{ef}ve")
    }

    @Test("the Markdown subset renders; everything else is escaped")
    func html() {
        #expect(CommentText.html("Hello *world* and **bold** and `<b>code</b>`") ==
            "<p>Hello <em>world</em> and <strong>bold</strong> and <code>&lt;b&gt;code&lt;/b&gt;</code></p>")
        #expect(CommentText.html("> quoted\n> more\n\nreply") == "<blockquote><p>quoted<br>more</p></blockquote><p>reply</p>")
        #expect(CommentText.html("see [the site](https://example.org/a?b=1&c=2)") ==
            #"<p>see <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">the site</a></p>"#)
        #expect(CommentText.html("at https://example.org/x, really") ==
            #"<p>at <a href="https://example.org/x" rel="nofollow ugc noopener">https://example.org/x</a>, really</p>"#)
        #expect(CommentText.html("snake_case_name stays") == "<p>snake_case_name stays</p>")
        #expect(CommentText.html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
        #expect(CommentText.html("[x](javascript:alert(1))") == "<p>[x](javascript:alert(1))</p>")
        #expect(CommentText.html(#"[x](https://a.b/" onclick="alert(1))"#).contains("&quot;"))
    }

    @Test("limits and fields")
    func problems() {
        #expect(CommentText.problems(name: "", text: "", email: nil).keys.sorted() == ["name", "text"])
        #expect(CommentText.problems(name: String(repeating: "n", count: 61), text: "ok", email: nil)["name"] != nil)
        #expect(CommentText.problems(name: "n", text: String(repeating: "t", count: 5001), email: nil)["text"] != nil)
        #expect(CommentText.problems(name: "n", text: "t", email: "not an email")["email"] != nil)
        #expect(CommentText.problems(name: "n", text: "t", email: "a@b.org").isEmpty)
        #expect(CommentText.linkCount("http://a.b https://c.d [x](mailto:e@f.g)") == 3)
    }
}

@Suite("Comment guard")
struct CommentGuardTests {
    let now = Date(timeIntervalSince1970: 1_780_135_200)
    var settings: DiscussionSettings {
        var settings = DiscussionSettings()
        settings.blockedWords = ["viagra"]
        settings.closeAfterDays = 7
        return settings
    }

    func decide(_ text: String = "A fair point.", honeypot: String = "", formAge: TimeInterval? = 10, facts: CommentFacts? = nil, settings: DiscussionSettings? = nil) -> CommentDecision {
        CommentGuard(settings: settings ?? self.settings).decide(
            text: text, honeypot: honeypot, formAge: formAge,
            facts: facts ?? CommentFacts(policy: .open, storyPublishedAt: now.addingTimeInterval(-3600)), now: now
        )
    }

    @Test("each rule decides with its reason")
    func rules() {
        #expect(decide() == .publish)
        #expect(decide(honeypot: "http://spam") == .spam(reason: "honeypot field filled"))
        #expect(decide(formAge: 1) == .spam(reason: "form sent 1.0 s after it was shown (minimum 3 s)"))
        #expect(decide(formAge: nil) == .publish)
        #expect(decide(facts: CommentFacts(policy: .open, storyPublishedAt: now, duplicateRecently: true)) == .reject(.duplicate))
        #expect(CommentRefusal.duplicate.moderatorNote == "duplicate of a recent comment")
        #expect(decide("Buy VIAGRA now") == .queue(reason: "blocked word \"viagra\""))
        var strict = settings
        strict.rejectBlockedWords = true
        #expect(decide("Buy viagra", settings: strict) == .reject(.blockedWord("viagra")))
        #expect(CommentRefusal.blockedWord("viagra").moderatorNote == "blocked word \"viagra\"")
        #expect(decide("http://a.b http://c.d http://e.f") == .queue(reason: "3 links (more than 2)"))
        #expect(decide(facts: CommentFacts(policy: .premoderated, storyPublishedAt: now)) == .queue(reason: "discussion is pre-moderated"))
        #expect(decide(facts: CommentFacts(policy: .closed, storyPublishedAt: now)) == .reject(.discussionClosed))
        #expect(CommentRefusal.discussionClosed.moderatorNote == "discussion closed")
        #expect(decide(facts: CommentFacts(policy: .open, storyPublishedAt: now.addingTimeInterval(-8 * 86_400))) == .reject(.discussionClosed))
        #expect(decide(facts: CommentFacts(policy: .open, storyPublishedAt: now, emailBanned: true)) == .reject(.bannedEmail))
        #expect(CommentRefusal.bannedEmail.moderatorNote == "banned e-mail address")
        #expect(decide(facts: CommentFacts(policy: .open, storyPublishedAt: now, clientBanned: true)) == .reject(.bannedClient))
        #expect(CommentRefusal.bannedClient.moderatorNote == "banned client")
        var firstTime = settings
        firstTime.premoderateFirstComment = true
        #expect(decide(facts: CommentFacts(policy: .open, storyPublishedAt: now, isFirstComment: true), settings: firstTime) == .queue(reason: "first comment of this commenter"))
        #expect(decide(facts: CommentFacts(policy: .open, storyPublishedAt: now, isFirstComment: false), settings: firstTime) == .publish)
    }

    @Test("token bucket: a burst, then one per refill interval")
    func bucket() {
        var bucket = TokenBucket(capacity: 2, perSecond: 2.0 / 60, now: now)
        #expect(bucket.take(now: now) == nil)
        #expect(bucket.take(now: now) == nil)
        let wait = bucket.take(now: now)
        #expect(wait == 30)
        #expect(bucket.take(now: now.addingTimeInterval(31)) == nil)
        #expect(bucket.take(now: now.addingTimeInterval(31)) != nil)
    }

    @Test("client address: X-Forwarded-For only from trusted proxies")
    func clientAddress() {
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: "1.2.3.4", trustedProxies: ["127.0.0.1"]) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: "1.2.3.4, 10.0.0.2", trustedProxies: ["127.0.0.1", "10.0.0.2"]) == "1.2.3.4")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: "6.6.6.6, 1.2.3.4", trustedProxies: ["127.0.0.1"]) == "1.2.3.4")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: nil, trustedProxies: ["127.0.0.1"]) == "127.0.0.1")
    }
}
