/// A reason the parser rejects a document, with its position and a one-line message.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The message of `.unexpectedEndOfInput`, so callers that read a part of a file can reword it.
    public static let truncatedMessage = "unexpected end of file; the JSON is truncated"

    public enum Kind: Equatable, Hashable, Sendable {
        /// The input is empty or contains only whitespace.
        case emptyInput
        /// A character that cannot start or continue a value here, such as `}` in `[1}`.
        case unexpectedCharacter
        /// The input ends inside a value, such as `{"a": [1,`.
        case unexpectedEndOfInput
        /// A word that is not `true`, `false` or `null`, such as `nul` or `True`.
        case invalidLiteral
        /// A backslash escape JSON does not define, such as `"\x41"`.
        case invalidEscape
        /// A `\u` escape without four hex digits, or a lone surrogate such as `"\uD800"`.
        case invalidUnicodeEscape
        /// A raw control character (U+0000 to U+001F) inside a string, such as a tab.
        case controlCharacterInString
        /// A byte sequence that is not valid UTF-8, such as `0xFF`.
        case invalidUTF8
        /// A key that occurs twice in one object, such as `{"a": 1, "a": 2}`.
        case duplicateKey
        /// A number outside the JSON grammar, such as `01`, `+1`, `.5`, `1.` or `NaN`.
        case invalidNumber
        /// A number beyond the `Double` range (`1e400`), or a non-zero number that rounds to zero (`1e-400`).
        case numberOutOfRange
        /// More text after the top-level value, such as `{} {}`.
        case trailingContent
        /// Arrays and objects nested deeper than the parser's `maxDepth`.
        case nestingTooDeep
    }

    public var kind: Kind
    public var position: SourcePosition
    public var message: String

    public init(kind: Kind, position: SourcePosition, message: String) {
        self.kind = kind
        self.position = position
        self.message = message
    }

    /// The error as `line:column: message`, for example `1:3: unexpected character '}'`.
    public var description: String {
        "\(position): \(message)"
    }
}
