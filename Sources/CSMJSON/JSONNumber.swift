/// A JSON number with its source text, such as `42`, `-0.5` or `1e-05`.
public struct JSONNumber: Equatable, Sendable {
    /// The number exactly as written in the document.
    public let literal: String

    /// The nearest `Double`, always finite.
    public let double: Double

    /// Whether the literal has no fraction and no exponent (`42` but not `42.0` or `4e1`).
    public let isInteger: Bool

    /// The exact value for an integer literal in the `Int64` range, otherwise `nil`.
    /// `9223372036854775808` has `int64 == nil` but a `double`.
    public let int64: Int64?

    init(literal: String, double: Double, isInteger: Bool, int64: Int64?) {
        self.literal = literal
        self.double = double
        self.isInteger = isInteger
        self.int64 = int64
    }
}
