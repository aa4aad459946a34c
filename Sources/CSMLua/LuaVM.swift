import CSMLuaGlue

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
    }

    public var kind: Kind
    public var message: String

    public var description: String {
        switch kind {
        case .memory: return "Lua heap limit reached: \(message)"
        default: return message
        }
    }
}

/// One Lua 5.4 state running the csm prelude. Use it from one thread at a time.
public final class LuaVM {
    private let handle: OpaquePointer

    /// The Lua release linked in, for example "Lua 5.4.4".
    public static var luaRelease: String {
        String(cString: csm_lua_release())
    }

    public init(limits: LuaLimits = .defaults) throws(LuaError) {
        guard let handle = csm_vm_new(limits.cValue) else {
            throw LuaError(kind: .setup, message: "cannot create a Lua state")
        }
        self.handle = handle
        let source = Array(EmbeddedPrelude.files[0].contents.utf8)
        var error = csm_buffer()
        defer { csm_buffer_free(&error) }
        let status = source.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                csm_vm_load_prelude(handle, chars.baseAddress, chars.count, &error)
            }
        }
        if status != Int32(CSM_OK.rawValue) {
            let message = LuaVM.text(of: error)
            csm_vm_close(handle)
            throw LuaError(kind: .setup, message: "cannot load the csm prelude: \(message)")
        }
    }

    deinit {
        csm_vm_close(handle)
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
        let input = LuaCodec.encode(argument)
        var output = csm_buffer()
        defer { csm_buffer_free(&output) }
        let status = input.withUnsafeBufferPointer { buffer in
            csm_vm_call(handle, name, buffer.baseAddress, buffer.count, &output)
        }
        guard status == Int32(CSM_OK.rawValue) else {
            let message = LuaVM.text(of: output)
            switch status {
            case Int32(CSM_ERR_MEMORY.rawValue): throw LuaError(kind: .memory, message: message)
            case Int32(CSM_ERR_HOST.rawValue): throw LuaError(kind: .host, message: message)
            default: throw LuaError(kind: .runtime, message: message)
            }
        }
        guard let data = output.data else { return .nil }
        do {
            return try LuaCodec.decode(UnsafeBufferPointer(start: data, count: output.length))
        } catch {
            throw LuaError(kind: .host, message: "malformed value from Lua at byte \(error.offset)")
        }
    }

    private static func text(of buffer: csm_buffer) -> String {
        guard let data = buffer.data else { return "unknown error" }
        return String(decoding: UnsafeBufferPointer(start: data, count: buffer.length), as: UTF8.self)
    }
}
