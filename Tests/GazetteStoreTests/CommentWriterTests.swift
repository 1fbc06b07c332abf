import FluentKit
import Foundation
import GazetteCore
@testable import GazetteStore
import GazetteTestSupport
import Testing

@Suite("Comments written together share commits")
struct CommentWriterTests {
    let now = Date(timeIntervalSince1970: 1_780_176_600)

    func submission(_ story: UUID, _ n: Int, parent: UUID? = nil) -> DiscussionRepository.Submission {
        .init(storyID: story, parentID: parent, name: "Reader \(n)", email: nil, text: "Comment number \(n).", clientHash: "client-\(n % 7)")
    }

    @Test("many comments at once: each stored once, a bad reply fails alone, counts add up", arguments: TestDatabase.all)
    func concurrentPosts(database: TestDatabase) async throws {
        try await database.withStore { store in
            let story = try await store.newsroom.createDraft(
                StoryDraft(headline: "Busy discussion", lead: "Lead.", body: "Body.", rubric: "City", tags: [], authors: []),
                by: NewsroomActor(userID: UUID(), name: "Eda", role: .editor), now: now
            )
            let root = try await store.discussion.post(submission(story.id, 0), status: .published, reason: "", now: now).value.comment
            let missingParent = UUID()
            // 120 posts at once: more than one batch; every tenth replies to a comment that does not exist.
            let outcomes = await withTaskGroup(of: (Int, Result<PublicComment, any Error>).self) { group in
                for n in 1...120 {
                    group.addTask {
                        let parent: UUID? = n % 10 == 0 ? missingParent : (n % 3 == 0 ? root.id : nil)
                        let status: ModerationStatus = n % 4 == 0 ? .pending : .published
                        do {
                            let posted = try await store.discussion.post(submission(story.id, n, parent: parent), status: status, reason: "", now: now)
                            return (n, .success(posted.value.comment))
                        } catch {
                            return (n, .failure(error))
                        }
                    }
                }
                var all: [Int: Result<PublicComment, any Error>] = [:]
                for await (n, outcome) in group { all[n] = outcome }
                return all
            }
            // Posts that arrived while a commit ran went together in the next one.
            #expect(await store.commentWriter.transactions < 121)
            let failed = outcomes.filter { if case .failure = $0.value { return true } else { return false } }.keys.sorted()
            #expect(failed == Array(stride(from: 10, through: 120, by: 10)))
            for (n, outcome) in outcomes {
                guard case .failure(let error) = outcome else { continue }
                #expect(error as? ValidationFailed == ValidationFailed(["parentId": "The comment you reply to does not exist."]), "post \(n)")
            }
            let stored = try await CommentRecord.query(on: store.db).filter(\.$storyID == story.id).all()
            #expect(stored.count == 1 + 120 - 12)
            #expect(Set(stored.map(\.text)).count == stored.count)
            let replies = stored.filter { $0.parentID != nil }
            #expect(replies.allSatisfy { $0.parentID == root.id && $0.depth == 1 && $0.rootID == root.id })
            let publishedCount = stored.filter { $0.status == ModerationStatus.published.rawValue }.count
            let reloaded = try #require(try await store.stories.story(id: story.id))
            #expect(reloaded.commentCount == publishedCount)
            #expect(publishedCount == 1 + (1...120).filter { $0 % 10 != 0 && $0 % 4 != 0 }.count)
        }
    }

    @Test("the duplicate rule finds the same text from the same client, and only within the window", arguments: TestDatabase.all)
    func duplicateFacts(database: TestDatabase) async throws {
        try await database.withStore { store in
            let editor = NewsroomActor(userID: UUID(), name: "Eda", role: .editor)
            let draft = try await store.newsroom.createDraft(
                StoryDraft(headline: "Quiet discussion", lead: "Lead.", body: "Body.", rubric: "City", tags: [], authors: []),
                by: editor, now: now
            )
            // Drafts take no comments; the facts come with the published story.
            #expect(try await facts(store, slug: draft.slug, clientHash: "client-1", at: now) == nil)
            let story = try await store.newsroom.move(id: draft.id, to: .published, by: editor, now: now)
            let first = submission(story.id, 1)
            var facts = try #require(try await facts(store, slug: story.slug, clientHash: first.clientHash, at: now))
            #expect(facts.target.storyID == story.id)
            #expect(facts.facts.policy == story.commentPolicy)
            #expect(!facts.facts.duplicateRecently)
            #expect(facts.facts.isFirstComment)
            _ = try await store.discussion.post(first, status: .published, reason: "", now: now)
            facts = try #require(try await self.facts(store, slug: story.slug, clientHash: first.clientHash, at: now.addingTimeInterval(60)))
            #expect(facts.facts.duplicateRecently)
            #expect(!facts.facts.isFirstComment)
            facts = try #require(try await self.facts(store, slug: story.slug, clientHash: first.clientHash, at: now.addingTimeInterval(601)))
            #expect(!facts.facts.duplicateRecently)
            facts = try #require(try await self.facts(store, slug: story.slug, clientHash: "someone-else", at: now.addingTimeInterval(60)))
            #expect(!facts.facts.duplicateRecently)
            #expect(facts.facts.isFirstComment)
        }
    }

    private func facts(_ store: Store, slug: String, clientHash: String, at time: Date) async throws -> (target: DiscussionTarget, facts: CommentFacts)? {
        try await store.discussion.postingFacts(
            slug: slug, email: nil, clientHash: clientHash, text: "Comment number 1.", duplicateWindow: 600, now: time
        )
    }
}
