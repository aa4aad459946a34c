/// Number and text formatting without Foundation, identical on every machine.
public enum Formatting {
    /// Formats `value` with exactly `decimals` digits after the point,
    /// rounding half away from zero: `fixed(1.005, 2)` is "1.01" only when the
    /// binary value is at or above the midpoint, as with printf.
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        if scaled >= 9.0e15 {
            // Past 2^53 a double has no fractional digits to show; past Int64 it
            // gets the shortest exact form, such as "1e+19".
            let whole = abs(value).rounded()
            let digits = whole < 9.0e18 ? String(Int64(whole)) : "\(whole)"
            return (value < 0 ? "-" : "") + digits
        }
        let integer = UInt64(scaled)
        let factor = UInt64(scale)
        let whole = integer / factor
        var text = String(whole)
        if decimals > 0 {
            var fraction = String(integer % factor)
            while fraction.count < decimals { fraction = "0" + fraction }
            text += "." + fraction
        }
        return (value < 0 && integer != 0 ? "-" : "") + text
    }

    /// Rounds to `decimals` places, half away from zero.
    public static func round(_ value: Double, _ decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (value * scale).rounded(.toNearestOrAwayFromZero) / scale
    }

    /// Formats a ratio as a percentage: 0.875 -> "87.5 %" with one decimal when needed.
    public static func percent(_ ratio: Double) -> String {
        let value = ratio * 100
        let rounded = round(value, 1)
        if rounded == rounded.rounded() { return fixed(rounded, 0) + " %" }
        return fixed(rounded, 1) + " %"
    }

    /// Groups thousands: 42000000 -> "42,000,000".
    public static func grouped(_ value: Double) -> String {
        let negative = value < 0
        let text = fixed(abs(value), 0)
        guard text.allSatisfy(\.isNumber) else { return negative ? "-" + text : text }
        let digits = Array(text)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return negative ? "-" + result : result
    }

    /// Formats a money amount compactly: 42000000 -> "$42.0M".
    public static func money(_ value: Double) -> String {
        let magnitude = abs(value)
        let sign = value < 0 ? "-" : ""
        if magnitude >= 1e9 { return sign + "$" + fixed(magnitude / 1e9, 1) + "B" }
        if magnitude >= 1e6 { return sign + "$" + fixed(magnitude / 1e6, 1) + "M" }
        if magnitude >= 1e3 { return sign + "$" + fixed(magnitude / 1e3, 1) + "k" }
        return sign + "$" + fixed(magnitude, 0)
    }

    /// Shortest text for a number: integral values without a fraction.
    public static func compact(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Pads `text` with spaces on the right to `width` characters.
    public static func padRight(_ text: String, _ width: Int) -> String {
        let count = text.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    /// Pads `text` with spaces on the left to `width` characters.
    public static func padLeft(_ text: String, _ width: Int) -> String {
        let count = text.count
        return count >= width ? text : String(repeating: " ", count: width - count) + text
    }

    /// Cuts `text` to `width` characters, ending with "…" when cut.
    public static func truncate(_ text: String, _ width: Int) -> String {
        guard text.count > width, width > 1 else { return text }
        return String(text.prefix(width - 1)) + "…"
    }

    /// Wraps `text` at spaces so no line is longer than `width` characters.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

/// Suggestions for misspelt names.
public enum Suggestions {
    /// Returns the candidate closest to `name` by edit distance, or nil when
    /// none is close enough to be a likely typo.
    public static func closest(to name: String, in candidates: [String]) -> String? {
        var best: String?
        var bestDistance = Int.max
        let lowered = Array(name.lowercased().utf8)
        for candidate in candidates {
            let distance = editDistance(lowered, Array(candidate.lowercased().utf8))
            if distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        guard let best else { return nil }
        let allowed = max(2, lowered.count / 3)
        if bestDistance <= allowed { return best }
        // A name that extends or shortens a candidate ("CSM_COVERAGE" for "CSM_COV") is a likely mix-up too.
        let prefixed = candidates.filter { candidate in
            let other = candidate.lowercased()
            return min(other.count, lowered.count) >= 3
                && (other.utf8.starts(with: lowered) || lowered.starts(with: Array(other.utf8)))
        }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// Levenshtein distance between two byte strings.
    public static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Formats " (did you mean 'x'?)" or an empty string.
    public static func hint(for name: String, in candidates: [String]) -> String {
        guard let match = closest(to: name, in: candidates) else { return "" }
        return " (did you mean '\(match)'?)"
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces (only U+0020).
    public var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
