import Foundation

/// The demo site: the seed article page with its five "Read next" stories, and a few neutral
/// filler stories so that lists look like a working site. Times are placed relative to `now`
/// in the site's time zone: the article a little before now, the five Read next stories at
/// the seed's clock times within the last 24 hours (so they show `HH:MM` as there), the
/// fillers on the days before.
public enum DemoContent {
    public static func stories(now: Date, timeZone: TimeZone) -> [NewStory] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func at(daysBefore days: Int, _ hour: Int, _ minute: Int) -> Date {
            let day = calendar.date(byAdding: .day, value: -days, to: calendar.startOfDay(for: now))!
            return calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day)!
        }
        /// The last time the clock showed `hour:minute`, before the article went out.
        func latest(_ hour: Int, _ minute: Int, before limit: Date) -> Date {
            let today = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: limit)!
            return today < limit ? today : calendar.date(byAdding: .day, value: -1, to: today)!
        }
        let articleTime = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60 - 25 * 60)
        var stories = [article(publishedAt: articleTime)]
        stories += readNext.map { item in
            NewStory(
                headline: item.headline, lead: item.lead, body: item.body,
                rubric: item.rubric, tags: item.tags, authors: ["Foreign desk"],
                status: .published, publishedAt: latest(item.hour, item.minute, before: articleTime),
                importKey: "demo:" + Slug.make(from: item.headline)
            )
        }
        stories += fillers.enumerated().map { index, item in
            NewStory(
                headline: item.headline, lead: item.lead, body: item.body,
                rubric: RubricName(item.rubric), tags: item.tags, authors: [item.author],
                status: .published, publishedAt: at(daysBefore: 1 + index / 2, 8 + (index * 5) % 12, (index * 17) % 60),
                importKey: "demo:" + Slug.make(from: item.headline)
            )
        }
        return stories
    }

    static func article(publishedAt: Date) -> NewStory {
        NewStory(
            headline: "Russia's envoy holds talks with Taliban leaders in Kabul as Moscow deepens ties",
            lead: "Zamir Kabulov met the Taliban's acting foreign and interior ministers days after Russia's Supreme Court removed the movement from its list of banned organisations.",
            body: articleParagraphs.joined(separator: "\n\n"),
            rubric: RubricName("Afghanistan"),
            tags: ["Russia", "Taliban", "Afghanistan"],
            authors: ["Foreign desk"],
            status: .published,
            publishedAt: publishedAt,
            pinned: true,
            importKey: "demo:kabulov-taliban-talks"
        )
    }

    static let articleParagraphs = [
        "In a significant development for Afghanistan-Russia relations, Zamir Kabulov, Special Envoy of the Russian President, held high-level talks with Taliban officials in Kabul, signaling a further warming of ties between the two nations.",
        "During his meeting with Acting Foreign Minister Amir Khan Muttaqi, the two sides discussed strengthening bilateral relations, expanding economic and trade cooperation, and addressing key regional issues.",
        "Muttaqi expressed appreciation for Russia’s recent decision to remove the Taliban from its list of banned organizations, a move approved by the Russian Supreme Court last week. He also thanked Moscow for accepting an ambassadorial-level diplomat from the Taliban-led government, pledging that Afghanistan would soon appoint a representative to Russia at the same diplomatic rank.",
        "This step marks a notable shift in Russia’s engagement with the Taliban, as most Western nations have either closed or significantly reduced their diplomatic presence in Kabul since the group’s return to power in 2021.",
        "In a separate meeting, Kabulov also held talks with Acting Interior Minister Sirajuddin Haqqani, a prominent figure within the Taliban leadership. Their discussions focused on security cooperation, economic partnerships, and ways to enhance bilateral relations. These high-level engagements underscore Moscow’s growing willingness to work with the Taliban-led government despite its lack of formal international recognition.",
        "Russia’s decision to delist the Taliban and upgrade diplomatic ties comes as part of its broader strategy to expand influence in Afghanistan following the withdrawal of Western forces. Unlike many Western nations, Russia has maintained its embassy in Kabul and has gradually increased its engagement with the Taliban, particularly in areas of mutual interest such as economic cooperation and regional stability.",
        "With the legal barriers now removed, Moscow appears ready to move forward with economic and infrastructure projects in Afghanistan, further solidifying its foothold in the region.",
        "Kabulov described the recent developments as a \"new stage\" in relations between the two countries, highlighting the growing diplomatic and economic collaboration. The move also aligns with Russia’s long-term objectives of preventing the spread of extremism in Central Asia and securing its strategic interests in a region where Western influence has waned.",
        "These latest diplomatic exchanges suggest that Russia is positioning itself as a key player in Afghanistan’s future, with economic cooperation at the forefront of its agenda.",
    ]

    /// A picture the demo makes for a story (no photo ships with Gazette): its seed for
    /// `PhotoProcessor.synthetic` and the texts a photo desk would give it.
    public struct DemoPhoto: Sendable {
        public var seed: UInt32
        public var caption: String
        public var altText: String
        public var credit = "Gazette demo"
        public var copyright = "Generated by Gazette; no rights reserved"
    }

    /// Demo photos by the import key of the story they lead; `inline` goes into the article's
    /// body as well.
    public static let photos: [String: DemoPhoto] = [
        "demo:kabulov-taliban-talks": DemoPhoto(seed: 3, caption: "Hills above the capital at dusk (demo illustration).", altText: "A generated landscape: green hills under an evening sky with a low sun"),
        "demo:" + Slug.make(from: "Pakistan to appoint ambassador to Afghanistan"): DemoPhoto(seed: 5, caption: "A border crossing in the mountains (demo illustration).", altText: "A generated landscape of mountains under a pale sky"),
        "demo:" + Slug.make(from: "Ukraine waits for Moscow's written proposal before confirming talks"): DemoPhoto(seed: 8, caption: "Morning over the plain (demo illustration).", altText: "A generated landscape: a flat green plain under a blue sky"),
        "demo:" + Slug.make(from: "Russia to send same delegation to second round of Istanbul talks"): DemoPhoto(seed: 11, caption: "The strait at noon (demo illustration).", altText: "A generated landscape: rolling hills under a bright sun"),
        "demo:" + Slug.make(from: "City council approves new cycle lanes along the river"): DemoPhoto(seed: 13, caption: "The river path in spring (demo illustration).", altText: "A generated landscape: hills beside a river under a clear sky"),
        "demo:" + Slug.make(from: "Heavy rain expected across the north this weekend"): DemoPhoto(seed: 20, caption: "Clouds gathering over the northern hills (demo illustration).", altText: "A generated landscape: dark hills under a grey-blue sky"),
    ]

    /// The photo shown inside the article's body, after its third paragraph.
    public static let inlinePhoto = DemoPhoto(
        seed: 17, caption: "The road to Kabul (demo illustration).", altText: "A generated landscape: a valley between green hills at midday"
    )

    struct Item {
        var headline: String
        var lead: String
        var body: String
        var rubric: RubricName?
        var tags: [String]
        var daysBefore: Int
        var hour: Int
        var minute: Int
    }

    /// The seed page's "Read next" list, in its order: times and rubric labels as shown there.
    static let readNext: [Item] = [
        Item(
            headline: "Pakistan to appoint ambassador to Afghanistan",
            lead: "Pakistan has announced it will appoint an ambassador to Afghanistan for the first time since the Taliban took control of Kabul in 2021, becoming the fourth country—after China, the United Arab Emirates, and Uzbekistan—to do so.",
            body: "Pakistan has announced it will appoint an ambassador to Afghanistan for the first time since the Taliban took control of Kabul in 2021.\n\nIt becomes the fourth country, after China, the United Arab Emirates and Uzbekistan, to do so.",
            rubric: nil, tags: ["Afghanistan", "Taliban", "Pakistan"], daysBefore: 1, hour: 0, minute: 55
        ),
        Item(
            headline: "Ukraine waits for Moscow's written proposal before confirming talks",
            lead: "Ukraine is holding off on confirming its participation in peace talks with Russia until it receives a formal proposal document outlining Moscow’s positions, Foreign Minister Andrii Sybiha said Friday.",
            body: "Ukraine is holding off on confirming its participation in peace talks with Russia until it receives a formal proposal document outlining Moscow’s positions, Foreign Minister Andrii Sybiha said on Friday.",
            rubric: RubricName("Ukraine"), tags: ["Russia", "Ukraine", "Peace talks"], daysBefore: 2, hour: 13, minute: 40
        ),
        Item(
            headline: "Serbia and Russia to examine claims that Serbian weapons reached Ukraine",
            lead: "Serbia and Russia will jointly examine allegations that Serbian-made weapons reached Ukraine, following claims by Russian officials and statements from President Aleksandar Vucic calling for a fact-finding effort.",
            body: "Serbia and Russia will jointly examine allegations that Serbian-made weapons reached Ukraine.\n\nThe review follows claims by Russian officials and statements from President Aleksandar Vucic calling for a fact-finding effort.",
            rubric: nil, tags: ["Russia", "Serbia", "Ukraine"], daysBefore: 2, hour: 13, minute: 35
        ),
        Item(
            headline: "Russia to send same delegation to second round of Istanbul talks",
            lead: "Russia will send the same delegation to the second round of negotiations with Ukraine, scheduled for June 2 in Istanbul, according to a diplomatic statement on Thursday.",
            body: "Russia will send the same delegation to the second round of negotiations with Ukraine, scheduled for June 2 in Istanbul, according to a diplomatic statement on Thursday.",
            rubric: RubricName("Ukraine-Russia", label: "UKRAINE-RUSSIA"), tags: ["Russia", "Ukraine", "Peace talks"],
            daysBefore: 3, hour: 22, minute: 4
        ),
        Item(
            headline: "Kyiv urges Moscow to deliver its memorandum before new talks",
            lead: "As Russia signals readiness for fresh peace talks, Ukraine urges immediate delivery of Moscow's memorandum, stressing the need for a productive and result-oriented meeting.",
            body: "As Russia signals readiness for fresh peace talks, Ukraine urges immediate delivery of Moscow's memorandum.\n\nKyiv stressed the need for a productive and result-oriented meeting.",
            rubric: nil, tags: ["Russia", "Ukraine", "Peace talks"], daysBefore: 3, hour: 14, minute: 20
        ),
    ]

    struct Filler {
        var headline: String
        var lead: String
        var body: String
        var rubric: String
        var tags: [String]
        var author: String
    }

    static let fillers: [Filler] = [
        Filler(
            headline: "City council approves new cycle lanes along the river",
            lead: "Eleven kilometres of protected lanes will link the old town with the university campus by next autumn.",
            body: "The council voted 31 to 9 in favour of the plan on Tuesday evening.\n\nWork on the first section is due to begin in spring, and the route will be closed to cars on Sundays during construction.",
            rubric: "City", tags: ["Transport", "Cycling"], author: "Maria Lind"
        ),
        Filler(
            headline: "Central bank keeps interest rates unchanged",
            lead: "Policymakers held the main rate for a third meeting in a row, citing slowing but still stubborn inflation.",
            body: "The decision was expected by most economists.\n\nThe bank said it would watch wage growth and energy prices closely before any cut.",
            rubric: "Economy", tags: ["Interest rates", "Inflation"], author: "Tomas Weber"
        ),
        Filler(
            headline: "Researchers map the sea floor of a remote Arctic fjord",
            lead: "A sonar survey found a field of underwater dunes that had never been charted.",
            body: "The team spent six weeks aboard a research vessel.\n\nTheir maps will help predict how glacier meltwater moves through the fjord.",
            rubric: "Science", tags: ["Arctic", "Oceans"], author: "Ines Duarte"
        ),
        Filler(
            headline: "National library opens its map archive to the public",
            lead: "More than 40,000 historical maps can now be viewed online and in a new reading room.",
            body: "The oldest map in the collection dates from the sixteenth century.\n\nVolunteers helped scan and describe the maps over four years.",
            rubric: "Culture", tags: ["Libraries", "History"], author: "Maria Lind"
        ),
        Filler(
            headline: "Local club reaches the cup semi-final for the first time",
            lead: "A late header sent the second-division side through after extra time.",
            body: "Supporters filled the small stadium to its 6,000 capacity.\n\nThe draw for the semi-finals takes place on Monday.",
            rubric: "Sport", tags: ["Football"], author: "Jonas Berg"
        ),
        Filler(
            headline: "Heavy rain expected across the north this weekend",
            lead: "Forecasters warn of local flooding and advise drivers to avoid low-lying roads.",
            body: "Up to 80 millimetres of rain may fall in 24 hours in the hills.\n\nThe weather service will update its warnings on Saturday morning.",
            rubric: "Weather", tags: ["Forecast"], author: "Tomas Weber"
        ),
        Filler(
            headline: "Electricity grid operator plans new link to offshore wind farms",
            lead: "The 300-kilometre cable would carry power from three wind farms to the southern cities.",
            body: "Construction could start in two years if permits are granted.\n\nThe operator says the link would cut congestion on existing lines.",
            rubric: "Economy", tags: ["Energy", "Wind power"], author: "Ines Duarte"
        ),
        Filler(
            headline: "School meals to include more locally grown vegetables",
            lead: "A new purchasing rule asks schools to buy at least a third of their produce from nearby farms.",
            body: "The rule takes effect at the start of the next school year.\n\nFarmers' groups welcomed the plan; some schools worry about cost.",
            rubric: "City", tags: ["Education", "Food"], author: "Jonas Berg"
        ),
    ]
}
