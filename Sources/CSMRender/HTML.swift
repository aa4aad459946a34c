import CSMModel
import CSMSystem

/// A piece of HTML that is safe to place in a document.
///
/// Markup comes only from string literals written in this module. Every
/// interpolated `String` is escaped, so text from an assessment, a model or a
/// rule never becomes markup: `"<td>\(name)</td>" as HTML` with the name `<b>`
/// gives `<td>&lt;b&gt;</td>`. Numbers are interpolated with a fixed number of
/// decimals, and `HTML` values are inserted as they are.
struct HTML: ExpressibleByStringInterpolation, Sendable {
    private(set) var markup: String

    init(stringLiteral value: String) {
        markup = value
    }

    init(stringInterpolation: StringInterpolation) {
        markup = stringInterpolation.markup
    }

    static let empty: HTML = ""

    var isEmpty: Bool { markup.isEmpty }

    mutating func append(_ other: HTML) {
        markup += other.markup
    }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        mutating func appendLiteral(_ literal: String) {
            markup += literal
        }

        /// Text for element content, a quoted attribute value, `<title>` or SVG `<text>`: always escaped.
        mutating func appendInterpolation(_ text: String) {
            markup += HTML.escape(text)
        }

        mutating func appendInterpolation(_ html: HTML) {
            markup += html.markup
        }

        mutating func appendInterpolation(_ parts: [HTML]) {
            for part in parts { markup += part.markup }
        }

        mutating func appendInterpolation(_ number: Int) {
            markup += String(number)
        }

        /// Appends a number with exactly `decimals` digits after the point: `\(1.5, decimals: 2)` gives "1.50".
        mutating func appendInterpolation(_ number: Double, decimals: Int) {
            markup += Formatting.fixed(number, decimals)
        }

        /// Appends an SVG coordinate or length with one decimal.
        mutating func appendInterpolation(px number: Double) {
            markup += Formatting.fixed(number, 1)
        }
    }
}

extension Array where Element == HTML {
    func joined(separator: HTML = .empty) -> HTML {
        var result = HTML.empty
        for (offset, part) in enumerated() {
            if offset > 0 { result.append(separator) }
            result.append(part)
        }
        return result
    }
}

// MARK: - Shared pieces

extension HTML {
    /// Returns a badge with the level's name in its colour, or "not assessed" when there is no level.
    static func levelBadge(_ level: Level?) -> HTML {
        guard let level else { return "<span class=\"level level-none\">not assessed</span>" }
        return "<span class=\"level level-\(level.id)\">\(level.id)</span>"
    }
}

// MARK: - Escaping

extension HTML {
    /// Escapes text for element content and for single- or double-quoted attribute values.
    ///
    /// `& < > " '` become character references. Control characters other than
    /// tab, line feed and carriage return become U+FFFD: HTML forbids them as
    /// text, and XML (inline SVG copied out of the page) rejects them.
    static func escape(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": result.append(contentsOf: "&quot;".unicodeScalars)
            case "'": result.append(contentsOf: "&#39;".unicodeScalars)
            case "\t", "\n", "\r": result.append(scalar)
            default:
                let value = scalar.value
                let isControl = value < 0x20 || (0x7F...0x9F).contains(value)
                result.append(isControl ? "\u{FFFD}" : scalar)
            }
        }
        return String(result)
    }

    /// Escaped text in which every http:// or https:// URL becomes a link.
    ///
    /// Other schemes (`javascript:`, `data:`, `vbscript:`, `file:`) stay plain
    /// text. A URL ends at white space, a quote, `<`, `>` or a backtick, and
    /// loses trailing sentence punctuation: "see https://example.com/a." links
    /// "https://example.com/a".
    static func linked(_ text: String) -> HTML {
        let scalars = Array(text.unicodeScalars)
        var result = HTML.empty
        var plainStart = 0
        var index = 0
        while index < scalars.count {
            guard let end = urlEnd(in: scalars, from: index) else {
                index += 1
                continue
            }
            let plain = String(String.UnicodeScalarView(scalars[plainStart..<index]))
            let url = String(String.UnicodeScalarView(scalars[index..<end]))
            result.append("\(plain)<a href=\"\(url)\" rel=\"noreferrer\">\(url)</a>")
            index = end
            plainStart = end
        }
        let rest = String(String.UnicodeScalarView(scalars[plainStart...]))
        result.append("\(rest)")
        return result
    }

    /// Returns the end of the http(s) URL that starts at `start`, or nil when none starts there.
    private static func urlEnd(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        if start > 0, isWordCharacter(scalars[start - 1]) { return nil }  // "xhttp://" is not a URL
        let prefixLength: Int
        if hasPrefix(scalars, at: start, "https://") {
            prefixLength = 8
        } else if hasPrefix(scalars, at: start, "http://") {
            prefixLength = 7
        } else {
            return nil
        }
        var end = start + prefixLength
        while end < scalars.count, !endsURL(scalars[end]) { end += 1 }
        end = trimTrailingPunctuation(scalars, start: start, end: end)
        let hostStart = start + prefixLength
        guard end > hostStart, isWordCharacter(scalars[hostStart]) else { return nil }
        return end
    }

    private static func hasPrefix(_ scalars: [Unicode.Scalar], at start: Int, _ prefix: String) -> Bool {
        var index = start
        for expected in prefix.unicodeScalars {
            guard index < scalars.count, scalars[index] == expected else { return false }
            index += 1
        }
        return true
    }

    private static func endsURL(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", "\"", "'", "<", ">", "`", "\u{A0}": return true
        default: return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.isWhitespace
        }
    }

    /// Drops sentence punctuation after a URL, and a closing bracket that has no opening one inside it.
    private static func trimTrailingPunctuation(_ scalars: [Unicode.Scalar], start: Int, end: Int) -> Int {
        var end = end
        while end > start {
            let last = scalars[end - 1]
            if ".,;:!?".unicodeScalars.contains(last) {
                end -= 1
            } else if last == ")" || last == "]" {
                let opening: Unicode.Scalar = last == ")" ? "(" : "["
                let opened = scalars[start..<end].filter { $0 == opening }.count
                let closed = scalars[start..<end].filter { $0 == last }.count
                guard closed > opened else { break }
                end -= 1
            } else {
                break
            }
        }
        return end
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }
}
