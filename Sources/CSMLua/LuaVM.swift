import CSMLuaGlue
import CSMSystem

/// Limits on rule code. Each guarded call (loading a rule file, evaluating a
/// rule) gets the instruction, time and per-call memory budget afresh; the
/// heap limit bounds the whole Lua state.
public struct LuaLimits: Equatable, Sendable {
    /// Bytes the whole Lua heap may hold.
    public var memoryBytes: Int
    /// Bytes one rule call may add to the heap.
    public var callMemoryBytes: Int
    /// Lua VM instructions one rule call may run (checked every 1,000).
    public var instructions: Int64
    /// Wall-clock seconds one rule call may run.
    public var seconds: Double

    public init(memoryBytes: Int, callMemoryBytes: Int, instructions: Int64, seconds: Double) {
        self.memoryBytes = memoryBytes
        self.callMemoryBytes = callMemoryBytes
        self.instructions = instructions
        self.seconds = seconds
    }

    public static let defaults = LuaLimits(
        memoryBytes: 256 * 1024 * 1024,
        callMemoryBytes: 64 * 1024 * 1024,
        instructions: 10_000_000,
        seconds: 2.0
    )

    /// How far past its deadline a call stuck in C code may run before the
    /// state is abandoned. The limit hook cannot fire inside a C function.
    public static let stuckGraceSeconds = 0.5

    var cValue: csm_vm_limits {
        csm_vm_limits(
            memory_limit: memoryBytes,
            call_memory_limit: callMemoryBytes,
            instruction_limit: instructions,
            time_limit: seconds
        )
    }
}

/// A failure of the Lua state itself, outside any rule's guarded call.
public struct LuaError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case setup, runtime, memory, host
        /// A rule call ran past its deadline inside C code and the state was abandoned.
        case stuck
    }

    public var kind: Kind
    public var message: String
    /// For `.stuck`: the rule index the driver announced (negative while a rule file loads).
    public var ruleIndex: Int = 0
    /// For `.stuck`: the last rule file and line the limit hook saw, when known.
    public var file: String?
    public var line: Int?

    public var description: String {
        switch kind {
        case .memory: return "Lua heap limit reached: \(message)"
        default: return message
        }
    }
}

/// One Lua 5.4 state running the csm prelude, on a thread of its own.
///
/// Every call runs on that thread while the caller waits. When a rule runs
/// past its time limit inside C code (a backtracking string pattern, for
/// example), the limit hook cannot stop it; the caller then abandons the
/// state after `LuaLimits.stuckGraceSeconds` and gets a `.stuck` error. An
/// abandoned state is leaked, never closed, because its thread may still run.
public final class LuaVM {
    private let handle: OpaquePointer
    private let worker = DedicatedThread()
    public private(set) var isAbandoned = false

    /// The Lua release linked in, for example "Lua 5.4.4".
    public static var luaRelease: String {
        String(cString: csm_lua_release())
    }

    /// Storage shared with the worker thread; it outlives an abandoned call.
    private final class Exchange: @unchecked Sendable {
        var input: [UInt8] = []
        var name: String = ""
        var output = csm_buffer()
        var status: Int32 = 0

        deinit {
            csm_buffer_free(&output)
        }
    }

    public init(limits: LuaLimits = .defaults) throws(LuaError) {
        guard let handle = csm_vm_new(limits.cValue) else {
            worker.stop()
            throw LuaError(kind: .setup, message: "cannot create a Lua state")
        }
        self.handle = handle
        let exchange = Exchange()
        exchange.input = Array(EmbeddedPrelude.files[0].contents.utf8)
        let state = UnsafeSendable(handle)
        _ = worker.run({
            exchange.status = exchange.input.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    csm_vm_load_prelude(state.value, chars.baseAddress, chars.count, &exchange.output)
                }
            }
        }, shouldAbandon: { false })
        if exchange.status != Int32(CSM_OK.rawValue) {
            let message = LuaVM.text(of: exchange.output)
            worker.stop()
            csm_vm_close(handle)
            throw LuaError(kind: .setup, message: "cannot load the csm prelude: \(message)")
        }
    }

    deinit {
        if !isAbandoned {
            worker.stop()
            csm_vm_close(handle)
        }
    }

    /// Sets the limits for later rule calls.
    public func setLimits(_ limits: LuaLimits) {
        csm_vm_set_limits(handle, limits.cValue)
    }

    /// Bytes the Lua heap holds now.
    public var memoryInUse: Int {
        csm_vm_memory_in_use(handle)
    }

    /// Calls a prelude driver function with one argument and returns its result.
    public func call(_ name: String, _ argument: LuaValue) throws(LuaError) -> LuaValue {
        guard !isAbandoned else { throw LuaError(kind: .stuck, message: "the Lua state was abandoned") }
        let exchange = Exchange()
        exchange.input = LuaCodec.encode(argument)
        exchange.name = name
        let state = UnsafeSendable(handle)
        let finished = worker.run({
            exchange.status = exchange.input.withUnsafeBufferPointer { buffer in
                csm_vm_call(state.value, exchange.name, buffer.baseAddress, buffer.count, &exchange.output)
            }
        }, shouldAbandon: { csm_vm_overdue_seconds(handle) > LuaLimits.stuckGraceSeconds })
        guard finished else {
            isAbandoned = true
            var error = LuaError(kind: .stuck, message: "a rule ran past its time limit inside a library call and could not be stopped",
                                 ruleIndex: Int(csm_vm_current_rule(handle)))
            var file = [CChar](repeating: 0, count: 256)
            var line: Int32 = 0
            if csm_vm_last_location(handle, &file, file.count, &line) != 0 {
                error.file = String(decoding: file.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                error.line = Int(line)
            }
            throw error
        }
        let status = exchange.status
        guard status == Int32(CSM_OK.rawValue) else {
            let message = LuaVM.text(of: exchange.output)
            switch status {
            case Int32(CSM_ERR_MEMORY.rawValue): throw LuaError(kind: .memory, message: message)
            case Int32(CSM_ERR_HOST.rawValue): throw LuaError(kind: .host, message: message)
            default: throw LuaError(kind: .runtime, message: message)
            }
        }
        guard let data = exchange.output.data else { return .nil }
        do {
            return try LuaCodec.decode(UnsafeBufferPointer(start: data, count: exchange.output.length))
        } catch {
            throw LuaError(kind: .host, message: "malformed value from Lua at byte \(error.offset)")
        }
    }

    private static func text(of buffer: csm_buffer) -> String {
        guard let data = buffer.data else { return "unknown error" }
        return String(decoding: UnsafeBufferPointer(start: data, count: buffer.length), as: UTF8.self)
    }
}

/// Carries a value that is safe to use from one thread at a time across a thread hop.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
