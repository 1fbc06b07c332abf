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
