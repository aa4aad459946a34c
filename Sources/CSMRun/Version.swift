import CSMLua

/// The engine's version, recorded in every run record.
public enum CSMVersion {
    public static let current = "0.1.0"
    /// The run record schema this engine writes.
    public static let runSchema = "csm.run/v1"

    public static var lua: String { LuaVM.luaRelease }
}
