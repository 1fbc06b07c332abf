import Foundation
import GazetteCore

struct HomePage {
    var layout: LayoutModel
    var breaking: StoryItem?
    var top: StoryItem?
    var stories: [StoryItem]
    var pagination: PaginationModel?
    var isEmpty: Bool
}
