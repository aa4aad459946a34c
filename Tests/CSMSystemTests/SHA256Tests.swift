import CSMSystem
import XCTest

final class SHA256Tests: XCTestCase {
    /// The FIPS 180-2 appendix B vectors, then a two-block 896-bit message and
    /// lengths around the padding boundaries whose digests come from GNU coreutils
    /// sha256sum.
    private let vectors: [(name: String, message: [UInt8], digest: String)] = [
        ("empty", [], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "448 bits", Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "896 bits",
            Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
        ("million a", [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        ("55 bytes", [UInt8](repeating: UInt8(ascii: "x"), count: 55), "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"),
        ("56 bytes", [UInt8](repeating: UInt8(ascii: "x"), count: 56), "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"),
        ("63 bytes", [UInt8](repeating: UInt8(ascii: "x"), count: 63), "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"),
        ("64 bytes", [UInt8](repeating: UInt8(ascii: "x"), count: 64), "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"),
        ("65 bytes", [UInt8](repeating: UInt8(ascii: "x"), count: 65), "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9"),
        ("119 bytes", [UInt8](repeating: UInt8(ascii: "x"), count: 119), "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"),
        ("120 bytes", [UInt8](repeating: UInt8(ascii: "x"), count: 120), "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98"),
        ("128 bytes", [UInt8](repeating: UInt8(ascii: "x"), count: 128), "24da1b81d0b16df6428eee73c69fcb2a93c76bc6df706f0c6670fe6bfe800464"),
    ]


    func testHexKnownVectors() {
        for vector in vectors {
            XCTAssertEqual(SHA256.hex(SHA256.hash(vector.message)), vector.digest, vector.name)
        }
    }


    func testHashReturns32Bytes() {
        XCTAssertEqual(SHA256.hash(Array("abc".utf8)).count, 32)
    }


    func testHexEncodesBytes() {
        let cases: [(bytes: [UInt8], expected: String)] = [
            ([], ""), ([0x00], "00"), ([0x0F, 0xA0], "0fa0"), ([0xFF, 0x7E, 0x01], "ff7e01"),
        ]

        for testCase in cases {
            XCTAssertEqual(SHA256.hex(testCase.bytes), testCase.expected, testCase.expected)
        }
    }


    func testUpdateOddSplitsMatchOneShot() {
        var generator = SplitMix64(seed: 7)
        let message = (0..<1_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let expected = SHA256.hash(message)

        for chunkSize in [1, 3, 7, 31, 55, 63, 64, 65, 127, 999] {
            var hasher = SHA256()
            var start = 0
            while start < message.count {
                let end = min(start + chunkSize, message.count)
                hasher.update(message[start..<end])
                start = end
            }
            XCTAssertEqual(hasher.finalize(), expected, "chunk size \(chunkSize)")
        }
    }


    func testUpdateRandomSplitsMatchOneShot() {
        var generator = SplitMix64(seed: 11)
        let message = (0..<4_096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let expected = SHA256.hash(message)

        for round in 0..<50 {
            var hasher = SHA256()
            var start = 0
            while start < message.count {
                let end = min(start + Int(generator.next() % 200), message.count)
                hasher.update(message[start..<end])
                start = end
            }
            XCTAssertEqual(hasher.finalize(), expected, "round \(round)")
        }
    }


    func testUpdateEmptyChunksChangeNothing() {
        var hasher = SHA256()
        hasher.update([UInt8]())
        hasher.update(Array("ab".utf8))
        hasher.update([UInt8]())
        hasher.update(Array("c".utf8))

        XCTAssertEqual(hasher.finalize(), SHA256.hash(Array("abc".utf8)))
    }


    func testFinalizeResetsHasher() {
        var hasher = SHA256()
        hasher.update(Array("first message".utf8))
        _ = hasher.finalize()
        hasher.update(Array("abc".utf8))

        XCTAssertEqual(hasher.finalize(), SHA256.hash(Array("abc".utf8)))
    }


    func testHashNonContiguousCollection() {
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)

        XCTAssertEqual(SHA256.hash(message.lazy.map { $0 }), SHA256.hash(message))
    }


    func testHashStringUTF8View() {
        XCTAssertEqual(SHA256.hash("abc".utf8), SHA256.hash(Array("abc".utf8)))
    }
}


/// A small seeded generator, so that failures reproduce.
private struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
