import ClienteleCore

/// Settings given a value for this session only (`set abc.a_min = 600`): laid over the
/// store's values wherever a statement reads the settings, while the store keeps its own
/// for everyone else (`set stored abc.a_min = 600` changes those). Each run of a script
/// holds one overlay, made from the session's values, which the script's `set`s update.
final class SettingsOverlay: @unchecked Sendable {
    var values: [String: String]
    init(_ values: [String: String]) { self.values = values }

    /// The overlay of the script running on this thread.
    @TaskLocal static var current: SettingsOverlay?
}

extension StoreTransaction {
    /// The store's settings with the session's own values laid over them: what every
    /// statement that reads a setting (segments, rules, thresholds) goes by.
    func effectiveSettings() throws -> StoreSettings {
        try loadSettings().overlaid(SettingsOverlay.current?.values ?? [:])
    }
}

extension StoreSettings {
    /// These settings with the session's values (plain text by key) in place of the store's.
    func overlaid(_ session: [String: String]) -> StoreSettings {
        var settings = self
        for (key, value) in session {
            if let stored = settings.values[key] { settings.values[key] = (stored.type, value) }
        }
        return settings
    }
}

extension Interpreter {
    /// `reset KEY` / `reset`: drops this session's own values; the store's apply again.
    mutating func resetSession(_ key: String?, in tx: any StoreTransaction) throws -> String {
        let stored = try tx.loadSettings()
        guard let key else {
            let dropped = session.settings.keys.sorted()
            session.settings = [:]
            SettingsOverlay.current?.values = [:]
            if dropped.isEmpty {
                return "this session has no settings of its own; reset stored restores the store's defaults, for everyone"
            }
            return "this session's values of \(dropped.joined(separator: ", ")) dropped; the store's apply again"
        }
        let value = stored.values[key]?.value ?? ""
        guard let mine = session.settings[key] else {
            return "\(key) = \(value), the store's (this session has no value of its own; "
                + "reset stored \(key) restores the default, for everyone)"
        }
        session.settings[key] = nil
        SettingsOverlay.current?.values[key] = nil
        try refuseContradictions(changed: key, in: tx)
        return "\(key) = \(value), the store's again (was \(mine) for this session)"
    }

    /// Under a listing of the settings: the session's own values, which the store's table does not show.
    func sessionSettingsNote(_ p: CheckedPipeline) -> Output? {
        guard p.object.name == "settings", !session.settings.isEmpty else { return nil }
        let values = session.settings.keys.sorted().map { "\($0) = \(session.settings[$0]!)" }
        return .message("this session's own values (the table shows the store's): " + values.joined(separator: ", "))
    }
}
