import Mustache

// Mustache finds a struct's fields by reflection (`Mirror`), which took some 40% of an
// article page with hundreds of comments, and a tenth of any page after that. Every view
// model answers by name instead (`TemplateLookupTests` checks each answers every field).

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
        case "hasMoreReplies": return hasMoreReplies
        case "moreRepliesURL": return moreRepliesURL
        case "moreRepliesLabel": return moreRepliesLabel
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
        case "hasPhoto": return hasPhoto
        case "photo": return photo
        default: return Mirror(reflecting: self).descendant(name)
        }
    }
}

extension PictureModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "webpSrcset": return webpSrcset
        case "jpegSrcset": return jpegSrcset
        case "src": return src
        case "width": return width
        case "height": return height
        case "alt": return alt
        case "sizes": return sizes
        case "placeholder": return placeholder
        case "lazy": return lazy
        case "caption": return caption
        case "credit": return credit
        case "hasCaption": return hasCaption
        default: return Mirror(reflecting: self).descendant(name)
        }
    }
}

extension ListPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": return layout
        case "kind": return kind
        case "heading": return heading
        case "hasIntro": return hasIntro
        case "intro": return intro
        case "stories": return stories
        case "pagination": return pagination
        case "isEmpty": return isEmpty
        default: return nil
        }
    }
}

extension ArticlePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": return layout
        case "headline": return headline
        case "lead": return lead
        case "hasRubric": return hasRubric
        case "rubricLabel": return rubricLabel
        case "rubricURL": return rubricURL
        case "authors": return authors
        case "hasAuthors": return hasAuthors
        case "published": return published
        case "publishedISO": return publishedISO
        case "isUpdated": return isUpdated
        case "updated": return updated
        case "updatedISO": return updatedISO
        case "hasLeadPhoto": return hasLeadPhoto
        case "leadPhoto": return leadPhoto
        case "bodyHTML": return bodyHTML
        case "tags": return tags
        case "hasTags": return hasTags
        case "readNext": return readNext
        case "comments": return comments
        default: return nil
        }
    }
}

extension LinkModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "url": return url
        default: return nil
        }
    }
}

extension CommentsBlock: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "count": return count
        case "countLabel": return countLabel
        case "prompt": return prompt
        case "isEmpty": return isEmpty
        case "emptyText": return emptyText
        case "isClosed": return isClosed
        case "hasNotice": return hasNotice
        case "notice": return notice
        case "hasError": return hasError
        case "error": return error
        case "form": return form
        case "comments": return comments
        case "sorts": return sorts
        case "pagination": return pagination
        case "isThreadView": return isThreadView
        case "allCommentsURL": return allCommentsURL
        default: return nil
        }
    }
}

extension CommentFormModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "action": return action
        case "token": return token
        case "name": return self.name
        case "email": return email
        case "text": return text
        case "parentID": return parentID
        case "hasReply": return hasReply
        case "replyingTo": return replyingTo
        case "cancelReplyURL": return cancelReplyURL
        case "errors": return errors
        default: return nil
        }
    }
}

extension CommentFieldErrors: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "email": return email
        case "text": return text
        default: return nil
        }
    }
}

extension SortLinkModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "url": return url
        case "isCurrent": return isCurrent
        default: return nil
        }
    }
}

extension HomePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": return layout
        case "breaking": return breaking
        case "top": return top
        case "stories": return stories
        case "pagination": return pagination
        case "isEmpty": return isEmpty
        default: return nil
        }
    }
}

extension LayoutModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "siteName": return siteName
        case "tagline": return tagline
        case "language": return language
        case "title": return title
        case "description": return description
        case "canonicalURL": return canonicalURL
        case "stylesheet": return stylesheet
        case "homeURL": return homeURL
        case "searchURL": return searchURL
        case "year": return year
        case "meta": return meta
        case "feeds": return feeds
        case "jsonLD": return jsonLD
        default: return nil
        }
    }
}

extension PaginationModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return page
        case "pageCount": return pageCount
        case "previousURL": return previousURL
        case "nextURL": return nextURL
        default: return nil
        }
    }
}

extension MetaTagModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "attribute": return attribute
        case "name": return self.name
        case "content": return content
        default: return nil
        }
    }
}

extension FeedLinkModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "type": return type
        case "url": return url
        default: return nil
        }
    }
}
