import Foundation
import GazetteCore

/// A `<meta>` tag of the page head: OpenGraph uses `property`, Twitter cards `name`.
struct MetaTagModel {
    var attribute: String
    var name: String
    var content: String
}

/// A `<link rel="alternate">` to a feed of the page.
struct FeedLinkModel {
    var title: String
    var type: String
    var url: String
}

/// What a page tells other software about itself: its kind, its feeds, and for a story the
/// article facts. `PageBuilder` turns it into OpenGraph and Twitter tags, feed links and
/// JSON-LD (`NewsArticle`, `BreadcrumbList`, `WebSite` with its search).
struct PageMeta {
    enum Kind {
        case website
        case home
        case article(Story)
    }

    var kind: Kind = .website
    var feeds: [FeedSubject] = [.site]

    /// A story's page: its comments feed and the site's.
    static func article(_ story: Story) -> PageMeta {
        PageMeta(kind: .article(story), feeds: [.comments(slug: story.slug), .site])
    }
}

extension PageBuilder {
    func absolute(_ url: SiteURL) -> String { url.absolute(base: publicBase) }

    func metaTags(_ meta: PageMeta, title: String, description: String, canonical: String) -> [MetaTagModel] {
        var tags = [
            MetaTagModel(attribute: "property", name: "og:site_name", content: site.name),
            MetaTagModel(attribute: "property", name: "og:title", content: title),
            MetaTagModel(attribute: "property", name: "og:description", content: description),
            MetaTagModel(attribute: "property", name: "og:url", content: canonical),
            MetaTagModel(attribute: "property", name: "og:locale", content: site.language.replacingOccurrences(of: "-", with: "_")),
        ]
        var photo: Photo?
        if case .article(let story) = meta.kind { photo = story.leadPhoto }
        if let photo {
            // The 16×9 crop, 1,200 px wide: what Facebook, X and LinkedIn show large.
            let card = photo.size(of: .crop(.wide))
            tags += [
                MetaTagModel(attribute: "property", name: "og:image", content: absolute(.photo(photo, .crop(.wide)))),
                MetaTagModel(attribute: "property", name: "og:image:type", content: "image/jpeg"),
                MetaTagModel(attribute: "property", name: "og:image:width", content: String(card.width)),
                MetaTagModel(attribute: "property", name: "og:image:height", content: String(card.height)),
                MetaTagModel(attribute: "property", name: "og:image:alt", content: photo.altText),
                MetaTagModel(attribute: "name", name: "twitter:card", content: "summary_large_image"),
                MetaTagModel(attribute: "name", name: "twitter:image", content: absolute(.photo(photo, .crop(.wide)))),
                MetaTagModel(attribute: "name", name: "twitter:image:alt", content: photo.altText),
            ]
        } else {
            // X (Twitter) reads the title and description from the OpenGraph tags.
            tags.append(MetaTagModel(attribute: "name", name: "twitter:card", content: "summary"))
        }
        if case .article(let story) = meta.kind {
            tags.append(MetaTagModel(attribute: "property", name: "og:type", content: "article"))
            let published = story.publishedAt ?? story.updatedAt
            tags.append(MetaTagModel(attribute: "property", name: "article:published_time", content: FeedWriter.rfc3339(published)))
            tags.append(MetaTagModel(attribute: "property", name: "article:modified_time", content: FeedWriter.rfc3339(max(published, story.updatedAt))))
            if let rubric = story.rubric { tags.append(MetaTagModel(attribute: "property", name: "article:section", content: rubric.name)) }
            for author in story.authors {
                tags.append(MetaTagModel(attribute: "property", name: "article:author", content: absolute(.author(slug: author.slug))))
            }
            for tag in story.tags { tags.append(MetaTagModel(attribute: "property", name: "article:tag", content: tag.name)) }
        } else {
            tags.append(MetaTagModel(attribute: "property", name: "og:type", content: "website"))
        }
        return tags
    }

    func feedLinks(_ meta: PageMeta, title: String?) -> [FeedLinkModel] {
        meta.feeds.flatMap { subject in
            FeedFormat.allCases.map { format in
                let name: String
                switch subject {
                case .site: name = site.name
                case .comments: name = "Comments on \(title ?? site.name)"
                default: name = "\(title ?? site.name) — \(site.name)"
                }
                return FeedLinkModel(title: "\(name) (\(format.label))", type: format.linkType, url: SiteURL.feed(subject, format).path)
            }
        }
    }

    /// The JSON-LD blocks of the page, each already safe inside `<script>` (`ScriptJSON`).
    func jsonLD(_ meta: PageMeta, canonical: String) -> [String] {
        let publisher: [String: Any] = [
            "@type": "NewsMediaOrganization", "name": site.name, "url": absolute(.home()),
            "logo": ["@type": "ImageObject", "url": absolute(.asset(site.logoAsset))],
        ]
        var objects: [[String: Any]] = []
        switch meta.kind {
        case .website:
            break
        case .home:
            objects.append([
                "@context": "https://schema.org", "@type": "WebSite", "name": site.name, "url": absolute(.home()),
                "potentialAction": [
                    "@type": "SearchAction",
                    "target": ["@type": "EntryPoint", "urlTemplate": absolute(.search()) + "?q={search_term_string}"],
                    "query-input": "required name=search_term_string",
                ] as [String: Any],
            ])
            objects.append(publisher.merging(["@context": "https://schema.org"]) { a, _ in a })
        case .article(let story):
            let published = story.publishedAt ?? story.updatedAt
            var article: [String: Any] = [
                "@context": "https://schema.org", "@type": "NewsArticle",
                "headline": story.headline, "description": story.seoDescription.isEmpty ? story.lead : story.seoDescription,
                "datePublished": FeedWriter.rfc3339(published), "dateModified": FeedWriter.rfc3339(max(published, story.updatedAt)),
                // A story without a byline is the publication's own.
                "author": story.authors.isEmpty
                    ? [["@type": "Organization", "name": site.name, "url": absolute(.home())]]
                    : story.authors.map { ["@type": "Person", "name": $0.name, "url": absolute(.author(slug: $0.slug))] },
                "publisher": publisher,
                "mainEntityOfPage": ["@type": "WebPage", "@id": canonical],
                "url": canonical, "inLanguage": site.language, "isAccessibleForFree": true,
            ]
            if let rubric = story.rubric { article["articleSection"] = rubric.name }
            if let photo = story.leadPhoto {
                // Google asks for the three shapes, each at least 1,200 px wide when the photo is.
                article["image"] = PhotoAspect.allCases.map { aspect -> [String: Any] in
                    let size = photo.size(of: .crop(aspect))
                    var image: [String: Any] = [
                        "@type": "ImageObject", "url": absolute(.photo(photo, .crop(aspect))), "width": size.width, "height": size.height,
                    ]
                    if !photo.caption.isEmpty { image["caption"] = photo.caption }
                    if !photo.credit.isEmpty { image["creditText"] = photo.credit }
                    if !photo.copyright.isEmpty { image["copyrightNotice"] = photo.copyright }
                    return image
                }
            }
            if !story.topics.isEmpty { article["keywords"] = story.topics }
            objects.append(article)
            var crumbs: [(String, String)] = [(site.name, absolute(.home()))]
            if let rubric = story.rubric { crumbs.append((rubric.name, absolute(.rubric(slug: rubric.slug)))) }
            crumbs.append((story.headline, canonical))
            objects.append([
                "@context": "https://schema.org", "@type": "BreadcrumbList",
                "itemListElement": crumbs.enumerated().map { index, crumb in
                    ["@type": "ListItem", "position": index + 1, "name": crumb.0, "item": crumb.1] as [String: Any]
                },
            ])
        }
        return objects.compactMap(ScriptJSON.serialize)
    }
}
