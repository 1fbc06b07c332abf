import FluentKit

/// Every schema change, in order, one file each (`NNN_Name.swift`). Each runs on SQLite and
/// PostgreSQL and uses the schema builder or SQL, never a live model; never edit a released
/// one, add a new one.
enum GazetteMigrations {
    static let all: [any AsyncMigration] = [
        CreateRubrics(),
        CreateTags(),
        CreateAuthors(),
        CreateStories(),
        CreateStoryTags(),
        CreateStoryAuthors(),
        AddNewsroomFieldsToStories(),
        CreateUsers(),
        CreateSessions(),
        CreateLoginAttempts(),
        CreateRevisions(),
        CreateSlugRedirects(),
        CreateStoryLocks(),
        CreateAPITokens(),
        CreateComments(),
        CreateCommentVotesAndReports(),
        CreateBansAndModerationLog(),
        AddCommentCountToStories(),
        CreateSiteSecrets(),
        AddCommentTextDigest(),
        AddStorySearch(),
        CreateReadNextChoices(),
        CountCommentsOnInsert(),
        AddCommentPageIndexes(),
        RenderBodiesWithCmark(),
        IndexLoginAttemptsByClient(),
        AddUserDisabledAndTokenOwner(),
        AddImportKeysAndOldPaths(),
        AddStoryListIndexes(),
        IndexRepliesByRootAndStatus(),
        CreatePhotos(),
        CreateRateBuckets(),
    ]
}
