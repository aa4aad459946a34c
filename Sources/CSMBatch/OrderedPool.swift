#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSMSystem

/// Runs items on worker threads and hands their outputs back in the order the
/// items were produced, on the calling thread.
///
/// Each worker builds its own state on its own thread (`setUp`), so state that
/// must not be shared, such as a Lua state, never crosses threads. At most
/// `window` items are in flight, which bounds memory on an input of any length
/// and keeps the output order, whatever the number of workers.
public final class OrderedPool<Item: Sendable, Output: Sendable>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when an item is queued or production ends.
    private let itemReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Signalled when an output is stored.
    private let outputReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let workerCount: Int
    private let window: Int

    // Guarded by `mutex`.
    private var queue: [(sequence: Int, item: Item)] = []
    private var queueHead = 0
    private var outputs: [Int: Output] = [:]
    private var finished = false

    public init(workers: Int, window: Int? = nil) {
        workerCount = max(1, workers)
        self.window = max(workerCount, window ?? workerCount * 8)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(itemReady, nil)
        pthread_cond_init(outputReady, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        pthread_cond_destroy(itemReady)
        pthread_cond_destroy(outputReady)
        mutex.deallocate()
        itemReady.deallocate()
        outputReady.deallocate()
    }

    /// Runs the pool once.
    ///
    /// - Parameters:
    ///   - setUp: runs on each worker's thread with the worker's number (from 0)
    ///     and returns the function that worker applies to its items.
    ///   - produce: runs on the calling thread and passes every item to `emit`,
    ///     which may block while the window is full. An error it throws ends the
    ///     run after the items already emitted, and is rethrown.
    ///   - consume: runs on the calling thread, once per item, in item order.
    public func run(setUp: @escaping @Sendable (Int) -> (Item) -> Output,
                    produce: ((Item) -> Void) throws(CSMError) -> Void,
                    consume: (Output) -> Void) throws(CSMError) {
        try withoutActuallyEscaping(consume) { (consume) throws(CSMError) in
            try run(setUp: setUp, produce: produce, escapingConsume: consume)
        }
    }

    private func run(setUp: @escaping @Sendable (Int) -> (Item) -> Output,
                     produce: ((Item) -> Void) throws(CSMError) -> Void,
                     escapingConsume consume: @escaping (Output) -> Void) throws(CSMError) {
        queue = []
        queueHead = 0
        outputs = [:]
        finished = false
        var threads: [pthread_t] = []
        for number in 0..<workerCount {
            threads.append(startThread { [self] in
                let work = setUp(number)
                while let (sequence, item) = nextItem() {
                    let output = work(item)
                    store(output, at: sequence)
                }
            })
        }
        var produced = 0
        var consumed = 0
        func drain(waitingFor target: Int) {
            pthread_mutex_lock(mutex)
            while consumed < target {
                while outputs[consumed] == nil { pthread_cond_wait(outputReady, mutex) }
                let output = outputs.removeValue(forKey: consumed)!
                consumed += 1
                pthread_mutex_unlock(mutex)
                consume(output)
                pthread_mutex_lock(mutex)
            }
            pthread_mutex_unlock(mutex)
        }
        func takeReady() {
            pthread_mutex_lock(mutex)
            while let output = outputs.removeValue(forKey: consumed) {
                consumed += 1
                pthread_mutex_unlock(mutex)
                consume(output)
                pthread_mutex_lock(mutex)
            }
            pthread_mutex_unlock(mutex)
        }
        var failure: CSMError?
        do {
            try produce { item in
                if produced - consumed >= window { drain(waitingFor: produced - window + 1) }
                pthread_mutex_lock(mutex)
                queue.append((produced, item))
                pthread_cond_signal(itemReady)
                pthread_mutex_unlock(mutex)
                produced += 1
                takeReady()
            }
        } catch {
            failure = error
        }
        pthread_mutex_lock(mutex)
        finished = true
        pthread_cond_broadcast(itemReady)
        pthread_mutex_unlock(mutex)
        drain(waitingFor: produced)
        for thread in threads { pthread_join(thread, nil) }
        if let failure { throw failure }
    }

    private func nextItem() -> (Int, Item)? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while queueHead == queue.count && !finished { pthread_cond_wait(itemReady, mutex) }
        guard queueHead < queue.count else { return nil }
        let entry = queue[queueHead]
        queueHead += 1
        if queueHead > 1024 && queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        return (entry.sequence, entry.item)
    }

    private func store(_ output: Output, at sequence: Int) {
        pthread_mutex_lock(mutex)
        outputs[sequence] = output
        pthread_cond_broadcast(outputReady)
        pthread_mutex_unlock(mutex)
    }

    private func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t {
        var thread = pthread_t()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 8 * 1024 * 1024)
        let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        let result = pthread_create(&thread, &attributes, { context in
            let box = Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue()
            box.body()
            return nil
        }, context)
        pthread_attr_destroy(&attributes)
        precondition(result == 0, "cannot start a worker thread: \(FileSystem.systemMessage(result))")
        return thread
    }
}

/// What a worker thread runs, passed through pthread_create's context pointer.
private final class ThreadBody: @unchecked Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}
