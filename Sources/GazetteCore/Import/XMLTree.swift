import Foundation
import CLibXML2

/// An XML document as a plain tree, read with libxml2 without network access and without
/// expanding entities from a DTD (no XXE, no entity bombs). Export files (WordPress, Disqus,
/// feeds) are read through it.
public struct XMLNode: Sendable {
    /// The local name (`post_type` for `wp:post_type`).
    public var name: String
    /// The namespace prefix as written (`wp`), or "".
    public var prefix: String
    public var attributes: [String: String]
    public var children: [XMLNode]
    /// The text directly inside this element (text and CDATA), not its children's.
    public var text: String

    /// The first child named `name` (and `prefix`, when given).
    public func child(_ name: String, prefix: String? = nil) -> XMLNode? {
        children.first { $0.name == name && (prefix == nil || $0.prefix == prefix) }
    }

    public func all(_ name: String, prefix: String? = nil) -> [XMLNode] {
        children.filter { $0.name == name && (prefix == nil || $0.prefix == prefix) }
    }

    /// The text of the first child named `name`, trimmed; "" when there is none.
    public func value(_ name: String, prefix: String? = nil) -> String {
        child(name, prefix: prefix)?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Parses a document; a file that is not well-formed XML is an error naming the line.
    public static func parse(_ text: String) throws(ParseError) -> XMLNode {
        xmlInitParser()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOERROR.rawValue)
        let length = Int32(clamping: text.utf8.count)
        let document: xmlDocPtr? = text.withCString { bytes in xmlReadMemory(bytes, length, nil, "UTF-8", options) }
        guard let document, let root = xmlDocGetRootElement(document) else {
            let detail = xmlGetLastError().map { error -> String in
                let message = error.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "not XML"
                return "line \(error.pointee.line): \(message)"
            } ?? "not XML"
            if let document { xmlFreeDoc(document) }
            throw ParseError(description: "not a well-formed XML document (\(detail))")
        }
        defer { xmlFreeDoc(document) }
        return node(root)
    }

    /// Nesting is bounded by libxml2's own depth limit, so recursion is safe.
    private static func node(_ pointer: xmlNodePtr) -> XMLNode {
        let name = pointer.pointee.name.map { String(cString: $0) } ?? ""
        let prefix = pointer.pointee.ns?.pointee.prefix.map { String(cString: $0) } ?? ""
        var attributes: [String: String] = [:]
        var property = pointer.pointee.properties
        while let attribute = property {
            if let raw = attribute.pointee.name {
                var value = ""
                var child = attribute.pointee.children
                while let text = child {
                    if let content = text.pointee.content { value += String(cString: content) }
                    child = text.pointee.next
                }
                let attributePrefix = attribute.pointee.ns?.pointee.prefix.map { String(cString: $0) + ":" } ?? ""
                attributes[attributePrefix + String(cString: raw)] = value
            }
            property = attribute.pointee.next
        }
        var children: [XMLNode] = []
        var text = ""
        var child = pointer.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: children.append(node(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default: break
            }
            child = current.pointee.next
        }
        return XMLNode(name: name, prefix: prefix, attributes: attributes, children: children, text: text)
    }
}
