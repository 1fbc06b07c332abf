import Foundation
import HTTPTypes
import Hummingbird

/// Whether a form post came from the site's own pages (the CSRF check of reader forms, which
/// carry no per-reader secret). Browsers say where a request comes from: `Sec-Fetch-Site`,
/// else `Origin`, which must be the site's public address or the host the request was sent
/// to. A request with neither comes from no browser page, so no other site can have sent it.
enum SameOrigin {
    static func allows(_ request: Request, publicBase: String) -> Bool {
        if let site = request.headers[.secFetchSite]?.lowercased() {
            return site == "same-origin" || site == "none"
        }
        guard let origin = request.headers[.origin] else { return true }
        guard let sent = URLComponents(string: origin), let host = sent.host?.lowercased() else { return false }
        let authority = sent.port.map { host + ":\($0)" } ?? host
        if let own = URLComponents(string: publicBase), let ownHost = own.host?.lowercased(),
           authority == (own.port.map { ownHost + ":\($0)" } ?? ownHost) {
            return true
        }
        return request.head.authority?.lowercased() == authority
    }
}

extension HTTPField.Name {
    static let secFetchSite = Self("Sec-Fetch-Site")!
}
