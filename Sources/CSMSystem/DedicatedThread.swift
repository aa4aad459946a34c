#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread of its own, with a large stack, that runs jobs one at a time
/// while the caller waits and watches.
///
/// The caller can give up on a job that runs too long (`shouldAbandon`): it
/// then returns at once, and the thread is left to finish on its own. An
/// abandoned thread is never joined or reused, so whatever the job touches
/// must stay alive; the owner keeps it forever instead of freeing it.
public final class DedicatedThread: @unchecked Sendable {
    /// Stack size of the thread. Lua's pattern matching recurses in C, and
    /// rules may recurse deeply before the memory limit stops them.
    public static let defaultStackSize = 16 * 1024 * 1024

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var job: (() -> Void)?
    private var jobDone = false
    private var stopping = false
    private var thread = pthread_t()
    public private(set) var abandoned = false

    public init(stackSize: Int = DedicatedThread.defaultStackSize) {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, stackSize)
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(&thread, &attributes, { context in
            let owner = Unmanaged<DedicatedThread>.fromOpaque(context!).takeRetainedValue()
            owner.loop()
            return nil
        }, context)
        pthread_attr_destroy(&attributes)
        precondition(result == 0, "cannot start a thread: \(FileSystem.systemMessage(result))")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        pthread_cond_destroy(condition)
        mutex.deallocate()
        condition.deallocate()
    }

    /// Runs `work` on the thread and waits for it. Every `pollSeconds` the
    /// caller asks `shouldAbandon`; when it says yes, the job is abandoned and
    /// this returns false. Returns true when the job finished.
    public func run(_ work: @escaping () -> Void, pollSeconds: Double = 0.05, shouldAbandon: () -> Bool) -> Bool {
        precondition(!abandoned, "an abandoned thread cannot run more jobs")
        pthread_mutex_lock(mutex)
        job = work
        jobDone = false
        pthread_cond_broadcast(condition)
        while !jobDone {
            var deadline = timespec()
            clock_gettime(CLOCK_REALTIME, &deadline)
            let nanoseconds = Int(pollSeconds * 1e9) + deadline.tv_nsec
            deadline.tv_sec += nanoseconds / 1_000_000_000
            deadline.tv_nsec = nanoseconds % 1_000_000_000
            pthread_cond_timedwait(condition, mutex, &deadline)
            if !jobDone && shouldAbandon() {
                abandoned = true
                pthread_mutex_unlock(mutex)
                pthread_detach(thread)
                return false
            }
        }
        pthread_mutex_unlock(mutex)
        return true
    }

    /// Ends the thread after its current job and waits for it, unless it was abandoned.
    public func stop() {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
        if !abandoned { pthread_join(thread, nil) }
    }

    private func loop() {
        pthread_mutex_lock(mutex)
        while true {
            while job == nil && !stopping { pthread_cond_wait(condition, mutex) }
            if let work = job {
                job = nil
                pthread_mutex_unlock(mutex)
                work()
                pthread_mutex_lock(mutex)
                jobDone = true
                pthread_cond_broadcast(condition)
                if abandoned { break }
                continue
            }
            if stopping { break }
        }
        pthread_mutex_unlock(mutex)
    }
}
