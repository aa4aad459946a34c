import CSMJSON

/// Parses UTF-8 text with the default depth limit.
func parse(_ text: String, maxDepth: Int = 64) throws(JSONSyntaxError) -> JSONNode {
    try JSONParser.parse(Array(text.utf8), maxDepth: maxDepth)
}


/// Returns the error that parsing `bytes` throws, or `nil` if they parse.
func syntaxError(_ bytes: [UInt8], maxDepth: Int = 64) -> JSONSyntaxError? {
    do {
        _ = try JSONParser.parse(bytes, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}


func syntaxError(_ text: String, maxDepth: Int = 64) -> JSONSyntaxError? {
    syntaxError(Array(text.utf8), maxDepth: maxDepth)
}


/// A small seeded generator, so that randomized tests reproduce.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
