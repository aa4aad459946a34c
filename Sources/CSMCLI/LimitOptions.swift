import CSMLua
import CSMSystem

/// Options that set the limits on rule code.
enum LimitOptions {
    static let specs: [OptionSpec] = [
        .option("--max-instructions", "N", "Lua instructions one rule may run per call (default 10000000)."),
        .option("--time-limit", "SECONDS", "Wall-clock seconds one rule may run per call (default 2)."),
        .option("--memory-limit", "MB", "Megabytes of Lua memory one rule may allocate per call (default 64); the whole Lua heap may hold four times this."),
    ]

    static func limits(_ arguments: ParsedArguments) throws(CSMError) -> LuaLimits {
        var limits = LuaLimits.defaults
        if let instructions = try arguments.integer("--max-instructions", minimum: 1000, maximum: 100_000_000_000) {
            limits.instructions = Int64(instructions)
        }
        if let seconds = try arguments.number("--time-limit", minimum: 0.01, maximum: 3600) {
            limits.seconds = seconds
        }
        if let megabytes = try arguments.integer("--memory-limit", minimum: 1, maximum: 16384) {
            limits.callMemoryBytes = megabytes * 1024 * 1024
            limits.memoryBytes = 4 * limits.callMemoryBytes
        }
        return limits
    }
}
