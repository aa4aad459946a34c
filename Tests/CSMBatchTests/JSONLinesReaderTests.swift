import CSMBatch
import Foundation
import XCTest

final class JSONLinesReaderTests: XCTestCase {
    private func lines(_ text: String, maximum: Int = 1 << 20) throws -> [String] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csm-lines-\(UUID().uuidString).jsonl")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try JSONLinesReader(path: url.path, maximumLineLength: maximum)
        var result: [String] = []
        while let line = try reader.next() {
            switch line {
            case let .text(number, bytes): result.append("\(number):\(String(decoding: bytes, as: UTF8.self))")
            case let .tooLong(number): result.append("\(number):TOO LONG")
            }
        }
        return result
    }

    func testLinesKeepTheirNumbersAcrossBlankLines() throws {
        XCTAssertEqual(try lines("{\"a\":1}\n\n  \n{\"b\":2}\n"), ["1:{\"a\":1}", "4:{\"b\":2}"])
    }

    func testLastLineWithoutNewlineAndCRLF() throws {
        XCTAssertEqual(try lines("one\r\ntwo"), ["1:one\r", "2:two"])
        XCTAssertEqual(try lines(""), [])
        XCTAssertEqual(try lines("\n\n"), [])
    }

    func testLongLineIsSkippedNotBuffered() throws {
        let long = String(repeating: "x", count: 100)
        XCTAssertEqual(try lines("ok\n\(long)\nafter\n\(long)", maximum: 50), ["1:ok", "2:TOO LONG", "3:after", "4:TOO LONG"])
    }

    func testLinesLongerThanTheReadBuffer() throws {
        let long = String(repeating: "y", count: 200_000)
        XCTAssertEqual(try lines("\(long)\nz\n"), ["1:\(long)", "2:z"])
    }

    func testMissingFileIsAnInputError() {
        XCTAssertThrowsError(try JSONLinesReader(path: "/nonexistent/clients.jsonl")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/clients.jsonl"), "\(error)")
        }
    }
}
