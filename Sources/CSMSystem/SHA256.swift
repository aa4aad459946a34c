/// The SHA-256 hash function as specified in FIPS 180-4.
///
/// Example: `SHA256.hex(SHA256.hash(Array("abc".utf8)))` returns
/// `"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"`.
public struct SHA256: Sendable {
    private var state: [UInt32] = Self.initialState
    /// Input bytes that do not yet fill a 64-byte block.
    private var pending: [UInt8] = []
    /// Total number of input bytes so far, counted modulo 2^64.
    private var byteCount: UInt64 = 0

    public init() {
        pending.reserveCapacity(Self.blockSize)
    }


    /// Adds `bytes` to the message.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(buffer: buffer)
        }
        if handled == nil {
            Array(bytes).withUnsafeBufferPointer { buffer in
                update(buffer: buffer)
            }
        }
    }


    /// Pads the message, returns the 32-byte digest, and resets the hasher so it can
    /// hash a new message.
    public mutating func finalize() -> [UInt8] {
        let bitLength = byteCount &* 8
        var padding: [UInt8] = [0x80]
        let paddedLength = (pending.count + 1 + 8 + Self.blockSize - 1) / Self.blockSize * Self.blockSize
        padding.append(contentsOf: repeatElement(0, count: paddedLength - pending.count - 1 - 8))
        for shift in stride(from: 56, through: 0, by: -8) {
            padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        update(padding)

        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in state {
            for shift in stride(from: 24, through: 0, by: -8) {
                digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
            }
        }
        self = SHA256()
        return digest
    }


    /// Returns the 32-byte digest of `bytes`.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }


    /// Returns `bytes` as lowercase hex digits, two per byte. Pass it a digest:
    /// `SHA256.hex(SHA256.hash(data))` returns 64 digits.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * bytes.count)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }


    // MARK: - Blocks

    private static let blockSize = 64


    private mutating func update(buffer: UnsafeBufferPointer<UInt8>) {
        byteCount &+= UInt64(buffer.count)
        var offset = 0

        if !pending.isEmpty {
            let fillCount = min(Self.blockSize - pending.count, buffer.count)
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<fillCount]))
            offset = fillCount
            guard pending.count == Self.blockSize else { return }
            pending.withUnsafeBufferPointer { block in
                compress(block)
            }
            pending.removeAll(keepingCapacity: true)
        }

        while buffer.count - offset >= Self.blockSize {
            compress(UnsafeBufferPointer(rebasing: buffer[offset..<offset + Self.blockSize]))
            offset += Self.blockSize
        }
        pending.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[offset...]))
    }


    /// Runs the compression function on one 64-byte block (FIPS 180-4, section 6.2.2).
    private mutating func compress(_ block: UnsafeBufferPointer<UInt8>) {
        // Unchecked buffers: the indexes below are fixed by the algorithm, and bounds
        // checks on every round made hashing a rule pack a visible part of start-up.
        Self.roundConstants.withUnsafeBufferPointer { constants in
            state.withUnsafeMutableBufferPointer { state in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                    for t in 0..<16 {
                        let base = 4 * t
                        schedule[t] = UInt32(block[base]) << 24 | UInt32(block[base + 1]) << 16
                            | UInt32(block[base + 2]) << 8 | UInt32(block[base + 3])
                    }
                    for t in 16..<64 {
                        let s0 = Self.rotateRight(schedule[t - 15], 7) ^ Self.rotateRight(schedule[t - 15], 18) ^ (schedule[t - 15] >> 3)
                        let s1 = Self.rotateRight(schedule[t - 2], 17) ^ Self.rotateRight(schedule[t - 2], 19) ^ (schedule[t - 2] >> 10)
                        schedule[t] = schedule[t - 16] &+ s0 &+ schedule[t - 7] &+ s1
                    }

                    var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
                    for t in 0..<64 {
                        let sum1 = Self.rotateRight(e, 6) ^ Self.rotateRight(e, 11) ^ Self.rotateRight(e, 25)
                        let choice = (e & f) ^ (~e & g)
                        let temp1 = h &+ sum1 &+ choice &+ constants[t] &+ schedule[t]
                        let sum0 = Self.rotateRight(a, 2) ^ Self.rotateRight(a, 13) ^ Self.rotateRight(a, 22)
                        let majority = (a & b) ^ (a & c) ^ (b & c)
                        let temp2 = sum0 &+ majority
                        (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ temp2)
                    }

                    state[0] &+= a
                    state[1] &+= b
                    state[2] &+= c
                    state[3] &+= d
                    state[4] &+= e
                    state[5] &+= f
                    state[6] &+= g
                    state[7] &+= h
                }
            }
        }
    }


    @inline(__always)
    private static func rotateRight(_ value: UInt32, _ count: UInt32) -> UInt32 {
        value &>> count | value &<< (32 - count)
    }


    // MARK: - Constants (FIPS 180-4, sections 4.2.2 and 5.3.3)

    private static let initialState: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}
