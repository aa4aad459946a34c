import CSMJSON
import XCTest

/// Feeds corrupted variants of a valid document to the parser. Every variant must
/// either parse or throw a `JSONSyntaxError` with a position inside the input. A
/// crash or trap fails the whole test run.
final class JSONMutationTests: XCTestCase {
    private let seedDocument = Array("""
        \u{FEFF}{
          "assessment": "Team \\"A\\" \\u00e9\\uD83D\\uDE00 é😀",
          "levels": [0, -1, 2.5, 1e-3, -0.0e+10, 9223372036854775807, 18446744073709551616],
          "flags": {"on": true, "off": false, "none": null},
          "nested": [[[{"k": [1, {"deep": "\\t\\n\\/"}]}]]],
          "empty": [{}, [], ""]
        }
        """.utf8)

    private let interestingBytes: [UInt8] = Array("{}[],:\"\\u0-+.eE \n\r\t".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF]


    func testMutatedDocumentsParseOrThrow() {
        var generator = SplitMix64(seed: 42)

        for round in 0..<5_000 {
            var bytes = seedDocument
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                mutate(&bytes, using: &generator)
            }
            let maxDepth = Int(generator.next() % 8)
            checkParseOrThrow(bytes, maxDepth: maxDepth, round: round)
        }
    }


    func testRandomBytesParseOrThrow() {
        var generator = SplitMix64(seed: 1)

        for round in 0..<2_000 {
            let count = Int(generator.next() % 40)
            let bytes = (0..<count).map { _ in interestingBytes[Int(generator.next() % UInt64(interestingBytes.count))] }
            checkParseOrThrow(bytes, maxDepth: 64, round: round)
        }
    }


    func testEveryTruncationParsesOrThrows() {
        for end in 0...seedDocument.count {
            checkParseOrThrow(Array(seedDocument[..<end]), maxDepth: 64, round: end)
        }
    }


    func testSeedDocumentParses() throws {
        XCTAssertNoThrow(try JSONParser.parse(seedDocument))
    }


    // MARK: - Helpers

    private func checkParseOrThrow(_ bytes: [UInt8], maxDepth: Int, round: Int) {
        do {
            let node = try JSONParser.parse(bytes, maxDepth: maxDepth)
            let written = JSONWriter.write(node.plain)
            XCTAssertNoThrow(try JSONParser.parse(Array(written.utf8), maxDepth: maxDepth), "round \(round): output does not parse")
        } catch {
            XCTAssertTrue((0...bytes.count).contains(error.position.offset), "round \(round): offset \(error.position.offset)")
            XCTAssertGreaterThanOrEqual(error.position.line, 1, "round \(round)")
            XCTAssertGreaterThanOrEqual(error.position.column, 1, "round \(round)")
            XCTAssertFalse(error.message.isEmpty, "round \(round)")
        }
    }


    private func mutate(_ bytes: inout [UInt8], using generator: inout SplitMix64) {
        guard !bytes.isEmpty else {
            bytes.append(interestingBytes[Int(generator.next() % UInt64(interestingBytes.count))])
            return
        }

        let index = Int(generator.next() % UInt64(bytes.count))
        switch generator.next() % 6 {
        case 0:
            bytes[index] ^= UInt8(1) << UInt8(generator.next() % 8)
        case 1:
            bytes[index] = interestingBytes[Int(generator.next() % UInt64(interestingBytes.count))]
        case 2:
            bytes.remove(at: index)
        case 3:
            bytes.insert(interestingBytes[Int(generator.next() % UInt64(interestingBytes.count))], at: index)
        case 4:
            bytes.removeSubrange(index...)
        default:
            let end = min(bytes.count, index + Int(generator.next() % 16))
            bytes.insert(contentsOf: bytes[index..<end], at: index)
        }
    }
}
