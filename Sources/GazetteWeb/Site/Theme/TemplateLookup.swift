import Mustache

// Mustache finds a struct's fields by reflection (`Mirror`), which took some 40% of an
// article page with hundreds of comments. The models rendered many times per page answer
// by name instead; anything not listed still falls back to reflection.

extension CommentModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "anchor": return anchor
        case "name": return self.name
        case "html": return html
        case "time": return time
        case "datetime": return datetime
        case "isEdited": return isEdited
        case "score": return score
        case "isDeleted": return isDeleted
        case "hasReplyTo": return hasReplyTo
        case "replyToName": return replyToName
        case "replyURL": return replyURL
        case "voteURL": return voteURL
        case "reportURL": return reportURL
        case "editActionURL": return editActionURL
        case "deleteURL": return deleteURL
        case "mayChange": return mayChange
        case "isEditing": return isEditing
        case "editURL": return editURL
        case "editText": return editText
        case "replies": return replies
        case "hasReplies": return hasReplies
        case "depthClass": return depthClass
        default: return Mirror(reflecting: self).descendant(name)
        }
    }
}

extension StoryItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": return url
        case "headline": return headline
        case "lead": return lead
        case "time": return time
        case "datetime": return datetime
        case "hasRubric": return hasRubric
        case "rubricLabel": return rubricLabel
        case "rubricURL": return rubricURL
        case "hasComments": return hasComments
        case "commentLabel": return commentLabel
        default: return Mirror(reflecting: self).descendant(name)
        }
    }
}
