import CSMSystem

/// Messages for dimension ids that are not in the model.
public enum DimensionIDs {
    /// "unknown dimension id 'x'" with the most helpful hint: the full id for a
    /// short one, the closest id for a typo (also in the part after the dot),
    /// or the list of valid ids.
    public static func unknownMessage(_ id: String, model: MaturityModel) -> String {
        var message = "unknown dimension id '\(id)'"
        if let full = model.dimensions.first(where: { $0.shortID == id }) {
            return message + "; use the full id '\(full.id)'"
        }
        if let match = Suggestions.closest(to: id, in: model.dimensionIDs) {
            return message + " (did you mean '\(match)'?)"
        }
        let short = id.split(separator: ".").last.map(String.init) ?? id
        if let match = Suggestions.closest(to: short, in: model.dimensions.map(\.shortID)),
           let full = model.dimensions.first(where: { $0.shortID == match }) {
            return message + " (did you mean '\(full.id)'?)"
        }
        message += "; valid ids: \(model.dimensionIDs.joined(separator: ", "))"
        return message
    }
}
