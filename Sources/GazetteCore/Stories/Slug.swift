import Foundation

/// URL slugs: lower-case ASCII letters, digits and single hyphens.
public enum Slug {
    /// Makes a slug from any text: folds accents (`é` → `e`), drops other symbols, joins words
    /// with hyphens and cuts at a word boundary near `maxLength`.
    public static func make(from text: String, maxLength: Int = 80) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        var words: [String] = []
        var current = ""
        for scalar in folded.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "’" {
                continue  // "Russia's" → "russias", not "russia-s"
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var slug = ""
        for word in words {
            let candidate = slug.isEmpty ? word : slug + "-" + word
            if candidate.count > maxLength {
                if slug.isEmpty { slug = String(word.prefix(maxLength)) }
                break
            }
            slug = candidate
        }
        return slug.isEmpty ? "story" : slug
    }

    public static func isValid(_ slug: String) -> Bool {
        guard !slug.isEmpty, slug.count <= StoryRules.slugMaxLength,
              !slug.hasPrefix("-"), !slug.hasSuffix("-"), !slug.contains("--")
        else { return false }
        return slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
