import Foundation

/// How story times read in lists, as on the seed page's Read next: `HH:MM` (in the site's
/// time zone) for stories of the last 24 hours, the date for older ones (`25 Nov`, with the
/// year when it is not this year's).
public struct StoryTimeFormat: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    public func listTime(_ date: Date, now: Date) -> String {
        let calendar = self.calendar
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        if Self.isRecent(date, now: now) {
            return Self.clock(parts)
        }
        let month = Self.monthNames[(parts.month ?? 1) - 1]
        if calendar.component(.year, from: now) == parts.year {
            return "\(parts.day ?? 1) \(month)"
        }
        return "\(parts.day ?? 1) \(month) \(parts.year ?? 0)"
    }

    public static let recentWindow: TimeInterval = 86_400

    static func isRecent(_ date: Date, now: Date) -> Bool {
        let age = now.timeIntervalSince(date)
        return age < recentWindow && age > -recentWindow
    }

    /// When a list showing these times must be rendered again: the first moment one of them
    /// turns from `HH:MM` to a date; nil when none will.
    public static func nextLabelChange(of dates: [Date], now: Date) -> Date? {
        dates.filter { isRecent($0, now: now) }.map { $0.addingTimeInterval(recentWindow) }.filter { $0 > now }.min()
    }

    /// The long form under a headline: `26 November 2026, 14:05`.
    public func fullTime(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let month = Self.longMonthNames[(parts.month ?? 1) - 1]
        return "\(parts.day ?? 1) \(month) \(parts.year ?? 0), \(Self.clock(parts))"
    }

    private static func clock(_ parts: DateComponents) -> String {
        func twoDigits(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        return twoDigits(parts.hour) + ":" + twoDigits(parts.minute)
    }

    /// ISO 8601 with the site's offset, for `<time datetime>`.
    public func machineTime(_ date: Date) -> String {
        // The value-type format style: making an `ISO8601DateFormatter` per call was slow.
        date.formatted(Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: timeZone))
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let longMonthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
}
