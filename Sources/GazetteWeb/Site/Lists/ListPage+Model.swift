import Foundation
import GazetteCore

struct ListPage {
    var layout: LayoutModel
    var kind: String
    var heading: String
    /// An author's bio, as plain text.
    var hasIntro: Bool
    var intro: String
    var stories: [StoryItem]
    var pagination: PaginationModel?
    var isEmpty: Bool
}
