import Foundation

/// A person of the newsroom as the application sees them: never the password hash.
public struct NewsroomUser: Sendable, Equatable, Codable {
    public var id: UUID
    public var email: String
    public var name: String
    public var role: Role
    public var createdAt: Date
    /// When the person was disabled (`gazette user disable`); nil while they may log in.
    public var disabledAt: Date?

    public init(id: UUID, email: String, name: String, role: Role, createdAt: Date, disabledAt: Date? = nil) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }
}
