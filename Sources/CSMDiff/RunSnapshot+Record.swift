import CSMRun
import CSMSystem

extension RunSnapshot {
    /// The snapshot of a fresh run, read back from its JSON like a record from disk.
    public init(record: RunRecord, label: String) throws(CSMError) {
        self = try RunSnapshot.read(bytes: Array(record.jsonText.utf8), label: label)
    }

    /// Reads a run record file.
    public static func read(path: String) throws(CSMError) -> RunSnapshot {
        try RunSnapshot.read(bytes: try FileSystem.readFile(path), label: path)
    }
}
