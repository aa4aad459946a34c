import CSMBatch
import CSMSystem
import Foundation
import XCTest

final class OrderedPoolTests: XCTestCase {
    func testOutputsComeBackInInputOrder() throws {
        for workers in [1, 2, 7] {
            let pool = OrderedPool<Int, String>(workers: workers, window: 5)
            var seen: [String] = []
            try pool.run(
                setUp: { worker in
                    { item in
                        usleep(UInt32((item * 7919 + worker) % 5) * 200)  // finish out of order
                        return "item \(item)"
                    }
                },
                produce: { (emit) throws(CSMError) in for item in 0..<200 { emit(item) } },
                consume: { seen.append($0) })
            XCTAssertEqual(seen, (0..<200).map { "item \($0)" }, "\(workers) workers")
        }
    }

    func testEachWorkerSetsUpOnce() throws {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var setUps = 0
        }
        let counter = Counter()
        let pool = OrderedPool<Int, Int>(workers: 3)
        var total = 0
        try pool.run(
            setUp: { _ in
                counter.lock.lock()
                counter.setUps += 1
                counter.lock.unlock()
                return { $0 * 2 }
            },
            produce: { (emit) throws(CSMError) in for item in 1...100 { emit(item) } },
            consume: { total += $0 })
        XCTAssertEqual(counter.setUps, 3)
        XCTAssertEqual(total, 100 * 101)
    }

    func testProducerErrorStopsAfterEmittedItems() {
        let pool = OrderedPool<Int, Int>(workers: 2)
        var consumed: [Int] = []
        XCTAssertThrowsError(try pool.run(
            setUp: { _ in { $0 } },
            produce: { (emit) throws(CSMError) in
                emit(1)
                emit(2)
                throw CSMError.usage("stop")
            },
            consume: { consumed.append($0) })) { error in
            XCTAssertEqual((error as? CSMError)?.description, "stop")
        }
        XCTAssertEqual(consumed, [1, 2], "items emitted before the error are still consumed")
    }

    func testEmptyInput() throws {
        let pool = OrderedPool<Int, Int>(workers: 4)
        var consumed = 0
        try pool.run(setUp: { _ in { $0 } }, produce: { (_) throws(CSMError) in }, consume: { _ in consumed += 1 })
        XCTAssertEqual(consumed, 0)
    }
}
