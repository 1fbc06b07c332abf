import CLibXML2

/// The one door for HTML that reaches a page unescaped (story bodies rendered from Markdown
/// now, imported HTML later).
///
/// It *parses* the HTML with libxml2's HTML parser (what lxml and Nokogiri sanitise with) and
/// writes back only allowlisted elements and attributes: every text escaped, every attribute
/// value quoted and escaped, every URL checked after the parser decoded its entities. Elements
/// that carry code or foreign content (`script`, `style`, `svg`, `iframe`, …) go with all they
/// contain; any other unknown element is dropped but its text kept. Because no raw-text element
/// and no foreign namespace is ever written, a browser's HTML5 parser can re-nest the output but
/// cannot turn any of its text into markup.
///
/// Work is linear in the input: one parse (libxml2 stops at 256 levels of nesting) and one walk.
public struct HTMLSanitizer: Sendable {
    public struct Policy: Sendable {
        /// Allowed elements and, for each, its allowed attributes.
        public var elements: [String: Set<String>]
        /// Elements dropped together with everything inside them.
        public var dropWithContent: Set<String>
        /// Deeper nesting than this is flattened (tags dropped, text kept).
        public var maxDepth: Int
    }

    public let policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// What story bodies may contain: the structure of an article, nothing that runs or styles.
    public static let story = HTMLSanitizer(policy: Policy(
        elements: [
            "p": [], "br": [], "hr": [], "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [],
            "blockquote": ["cite"], "ul": [], "ol": ["start"], "li": [], "pre": [], "code": ["class"],
            "em": [], "strong": [], "b": [], "i": [], "u": [], "s": [], "del": [], "ins": [],
            "sub": [], "sup": [], "small": [], "mark": [], "abbr": ["title"], "cite": [], "q": ["cite"],
            "kbd": [], "samp": [], "var": [], "dl": [], "dt": [], "dd": [],
            "a": ["href", "title"],
            // Photos: what `MarkdownRenderer` writes for a library photo (`![alt](media:ID)`),
            // every URL of a `srcset` checked like a `src`.
            "img": ["src", "alt", "title", "width", "height", "srcset", "sizes", "loading", "decoding"],
            "picture": [], "source": ["srcset", "type", "sizes", "width", "height"],
            "figure": ["class"], "figcaption": [],
            "table": [], "thead": [], "tbody": [], "tfoot": [], "tr": [], "th": ["align"], "td": ["align"],
        ],
        dropWithContent: [
            "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
            "noscript", "noembed", "noframes", "textarea", "title", "select", "option", "optgroup",
            "svg", "math", "xmp", "plaintext", "head", "audio", "video", "canvas", "map", "button",
            "input", "link", "meta", "base", "param", "track",
        ],
        maxDepth: 48
    ))

    static let voidElements: Set<String> = ["br", "hr", "img", "source"]

    /// libxml2 must be set up once before threads use it.
    private static let ready: Bool = {
        xmlInitParser()
        return true
    }()

    /// Dropping an element can leave markup the parser nests differently when it reads the
    /// output again (a `table` that sat in a `div` inside an `h2`), so the walk repeats until
    /// its output reads back as itself: the result is a fixed point, and re-sanitising stored
    /// HTML never changes it. Almost every input settles after the second pass.
    public func sanitize(_ html: String) -> String {
        var current = pass(html)
        for _ in 0..<4 {
            let again = pass(current)
            if again == current { break }
            current = again
        }
        return current
    }

    private func pass(_ html: String) -> String {
        precondition(Self.ready)
        // Control characters (NUL above all) would end or confuse the parse; no text needs them.
        let cleaned = String(String.UnicodeScalarView(html.unicodeScalars.filter {
            $0.value >= 0x20 ? ($0.value < 0x7F || $0.value > 0x9F) : ($0 == "\n" || $0 == "\t" || $0 == "\r")
        }))
        return Self.withBody(of: cleaned) { body in
            var writer = Writer(policy: policy)
            writer.children(of: body)
            return writer.out
        } ?? ""
    }

    /// Parses HTML as the sanitiser does and hands the `<body>` to `read` (other walks over
    /// the same parse: the HTML-to-Markdown conversion of imports).
    static func withBody<T>(of html: String, _ read: (xmlNodePtr) -> T) -> T? {
        precondition(Self.ready)
        let wrapped = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue)
        let length = Int32(clamping: wrapped.utf8.count)
        let document: htmlDocPtr? = wrapped.withCString { bytes in htmlReadMemory(bytes, length, nil, "UTF-8", options) }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        return body(of: document).map(read)
    }

    private static func body(of document: htmlDocPtr) -> xmlNodePtr? {
        var node = xmlDocGetRootElement(document)?.pointee.children
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE, name(of: current) == "body" { return current }
            node = current.pointee.next
        }
        return nil
    }

    static func name(of node: xmlNodePtr) -> String {
        guard let raw = node.pointee.name else { return "" }
        return String(cString: raw).lowercased()
    }

    /// The walk. Nesting is bounded by libxml2's own depth limit (256), so recursion is safe.
    private struct Writer {
        let policy: Policy
        var out = ""
        var openTags = 0

        mutating func children(of parent: xmlNodePtr) {
            var child = parent.pointee.children
            while let node = child {
                visit(node)
                child = node.pointee.next
            }
        }

        mutating func visit(_ node: xmlNodePtr) {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                // Quotes need no escaping outside attributes, but escaping them too means no
                // text can ever read as an attribute, whoever later copies it where.
                if let content = node.pointee.content { out += HTMLText.escape(String(cString: content)) }
            case XML_ELEMENT_NODE:
                element(node)
            default:
                break  // comments, processing instructions, DTD nodes
            }
        }

        mutating func element(_ node: xmlNodePtr) {
            let name = HTMLSanitizer.name(of: node)
            if policy.dropWithContent.contains(name) { return }
            guard let allowed = policy.elements[name], openTags < policy.maxDepth else {
                children(of: node)
                return
            }
            var attributes: [(String, String)] = []
            var property = node.pointee.properties
            while let attribute = property {
                defer { property = attribute.pointee.next }
                guard let rawName = attribute.pointee.name else { continue }
                let key = String(cString: rawName).lowercased()
                guard allowed.contains(key), !attributes.contains(where: { $0.0 == key }) else { continue }
                let value = HTMLSanitizer.attributeValue(attribute)
                if let checked = HTMLSanitizer.check(attribute: key, value: value, on: name) {
                    attributes.append((key, checked))
                }
            }
            if name == "a", !attributes.contains(where: { $0.0 == "href" }) {
                children(of: node)  // a link without a safe target is its text
                return
            }
            if name == "img", !attributes.contains(where: { $0.0 == "src" }) { return }
            if name == "source", !attributes.contains(where: { $0.0 == "srcset" }) {
                children(of: node)  // what the parser nested inside it
                return
            }
            out += "<" + name
            for (key, value) in attributes { out += " \(key)=\"\(HTMLText.escape(value))\"" }
            out += ">"
            if HTMLSanitizer.voidElements.contains(name) {
                // libxml2's HTML 4 parser does not know `source` is void and nests what
                // follows inside it: that content comes after the tag.
                children(of: node)
                return
            }
            openTags += 1
            children(of: node)
            openTags -= 1
            out += "</" + name + ">"
        }
    }

    static func attributeValue(_ attribute: xmlAttrPtr) -> String {
        var value = ""
        var child = attribute.pointee.children
        while let node = child {
            if let content = node.pointee.content { value += String(cString: content) }
            child = node.pointee.next
        }
        return value
    }

    /// The value to keep for an attribute, or nil to drop it.
    static func check(attribute: String, value: String, on element: String) -> String? {
        switch attribute {
        case "href", "cite":
            return URLSafety.isSafe(value) && !value.isBlank ? value : nil
        case "src":
            return URLSafety.isSafeImage(value) && !value.isBlank ? value : nil
        case "srcset":
            // "url 640w, url 1280w": each URL a safe image source without spaces, each
            // descriptor a width or a density.
            let candidates = value.split(separator: ",").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
            guard !candidates.isEmpty, candidates.allSatisfy({ parts in
                parts.count == 2 && URLSafety.isSafeImage(String(parts[0]))
                    && parts[1].dropLast().allSatisfy({ $0.isASCIIDigit || $0 == "." }) && ["w", "x"].contains(parts[1].last)
            }) else { return nil }
            return candidates.map { $0.joined(separator: " ") }.joined(separator: ", ")
        case "sizes":
            let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789 ().,:-%")
            return value.count <= 200 && value.lowercased().allSatisfy(allowed.contains) ? value : nil
        case "type":
            return ["image/webp", "image/jpeg", "image/png"].contains(value) ? value : nil
        case "loading":
            return ["lazy", "eager"].contains(value) ? value : nil
        case "decoding":
            return ["async", "sync", "auto"].contains(value) ? value : nil
        case "class" where element == "figure":
            return value == "photo" ? value : nil
        case "class":
            // Only the language of a code block (`language-swift`), as the Markdown renderer writes it.
            let name = value.dropFirst("language-".count)
            guard value.hasPrefix("language-"), (1...40).contains(name.count),
                  name.unicodeScalars.allSatisfy({ $0.isASCIIAlphanumeric || "+-_#.".unicodeScalars.contains($0) })
            else { return nil }
            return value
        case "align":
            let lower = value.lowercased()
            return ["left", "center", "right"].contains(lower) ? lower : nil
        case "start", "width", "height":
            return (1...6).contains(value.count) && value.allSatisfy(\.isASCIIDigit) ? value : nil
        default:
            return value.count <= 500 ? value : nil
        }
    }
}

extension Unicode.Scalar {
    var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    /// Nothing but spaces and control characters.
    var isBlank: Bool {
        unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0.value < 0x20 }
    }
}
