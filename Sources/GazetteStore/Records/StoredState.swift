import Foundation

/// A state column held a value this version of Gazette does not know: a corrupt row or a
/// newer schema. Refused, never read as some permissive default (an unknown role as
/// `author`, an unknown comment policy as `open`).
struct UnknownStoredValue: Error, CustomStringConvertible {
    var type: String
    var value: String

    var description: String { "unknown \(type) '\(value.prefix(40))' in the database" }
}

extension RawRepresentable where RawValue == String {
    /// Decodes a state stored as its raw string, strictly.
    init(stored value: String) throws {
        guard let state = Self(rawValue: value) else { throw UnknownStoredValue(type: String(describing: Self.self), value: value) }
        self = state
    }
}
