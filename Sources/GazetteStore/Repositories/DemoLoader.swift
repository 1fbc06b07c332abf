import Foundation
import GazetteCore

extension Store {
    /// Loads the demo content into an empty site. Returns how many stories were created:
    /// none when the site already has stories.
    ///
    /// With `photos`, the stories that have a `DemoContent.photos` entry get a picture made
    /// by the program (about a tenth of a second each), captioned and credited as such.
    public func loadDemoContent(now: Date = Date(), timeZone: TimeZone, photos: Bool = true) async throws -> Int {
        guard try await stories.count() == 0 else { return 0 }
        var created = 0
        for var story in DemoContent.stories(now: now, timeZone: timeZone) {
            if photos, let key = story.importKey, let spec = DemoContent.photos[key] {
                story.leadPhoto = try await demoPhoto(spec, now: now).id
                if key == "demo:kabulov-taliban-talks" {
                    let inline = try await demoPhoto(DemoContent.inlinePhoto, now: now)
                    var paragraphs = story.body.components(separatedBy: "\n\n")
                    paragraphs.insert(inline.markdownReference, at: min(3, paragraphs.count))
                    story.body = paragraphs.joined(separator: "\n\n")
                }
            }
            if case .created = try await stories.importStory(story, now: now) { created += 1 }
        }
        return created
    }

    private func demoPhoto(_ spec: DemoContent.DemoPhoto, now: Date) async throws -> Photo {
        let bytes = try await photoWork.run { PhotoProcessor.synthetic(width: 1800, height: 1200, seed: spec.seed) }
        let edit = PhotoEdit(caption: spec.caption, credit: spec.credit, copyright: spec.copyright, altText: spec.altText)
        return try await media.add(bytes, fileName: "demo-\(spec.seed).jpg", limits: PhotoLimits(), prefill: edit, by: nil, now: now).value.photo
    }
}
