#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Temporary files to delete when the process is interrupted (Ctrl-C, a
/// terminal closing, `kill`), so a batch stopped half way leaves no temporary
/// copy or half-written output behind.
///
/// Paths are kept as C strings in a fixed table, so the signal handler only
/// calls `unlink`, which is safe in a handler.
public enum TemporaryFiles {
    // Enough for one temporary file per worker (at most 256) and the batch's own files.
    private static let capacity = 512
    nonisolated(unsafe) private static let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        return table
    }()
    nonisolated(unsafe) private static var installed = false
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()

    /// Deletes `path` if the process is interrupted before `forget(path)`.
    public static func register(_ path: String) {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        installHandlers()
        for slot in 0..<capacity where table[slot] == nil {
            table[slot] = strdup(path)
            return
        }
    }

    public static func forget(_ path: String) {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        for slot in 0..<capacity {
            guard let entry = table[slot], String(cString: entry) == path else { continue }
            table[slot] = nil
            free(entry)
            return
        }
    }

    private static func installHandlers() {
        guard !installed else { return }
        installed = true
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { number in
                TemporaryFiles.removeAll()
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
            #else
            action.__sigaction_u.__sa_handler = { number in
                TemporaryFiles.removeAll()
                Darwin.signal(number, SIG_DFL)
                raise(number)
            }
            #endif
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
    }

    private static func removeAll() {
        for slot in 0..<capacity {
            if let entry = table[slot] { unlink(entry) }
        }
    }
}
