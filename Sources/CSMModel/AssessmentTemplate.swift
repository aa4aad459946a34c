import CSMJSON

/// A blank assessment for an assessor to fill in (`csm init`): every
/// dimension with a null score, the level descriptors as guidance, and every
/// known fact set to null.
public enum AssessmentTemplate {
    public static func make(model: MaturityModel, organization: String, date: CalendarDate, schemaReference: String?) -> JSON {
        var fields: [(String, JSON)] = []
        if let schemaReference { fields.append(("$schema", .string(schemaReference))) }
        fields += [
            ("schema", .string(AssessmentParser.schemaID)),
            ("organization", .object([("name", .string(organization)), ("segment", .null), ("industry", .null), ("region", .null)])),
            ("assessed_on", .string(date.description)),
            ("assessor", .null),
            ("target", .string(Level(score: model.defaultTarget).id)),
            ("facts", .object(model.facts.map { ($0.id, .null) })),
            ("dimensions", .object(model.dimensions.map { dimension in
                var guidance: [(String, JSON)] = [("question", .string("\(dimension.name): \(dimension.description)"))]
                for level in Level.allCases {
                    guard let descriptor = dimension.descriptors[level] else { continue }
                    var text = descriptor.descriptor
                    if !descriptor.evidence.isEmpty { text += " Evidence: " + descriptor.evidence }
                    guidance.append(("\(level.id) (\(Int(level.threshold)))", .string(text)))
                }
                return (dimension.id, .object([
                    ("score", .null),
                    ("evidence", .string("")),
                    ("guidance", .object(guidance)),
                ]))
            })),
            ("respondents", .array([])),
        ]
        return .object(fields)
    }
}
