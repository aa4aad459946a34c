/// Encodes and decodes `LuaValue` in the byte format the C glue reads and
/// writes (see csm_lua.h).
enum LuaCodec {
    enum Tag: UInt8 {
        case null = 0, falseValue = 1, trueValue = 2, integer = 3, float = 4
        case string = 5, map = 6, array = 7, function = 8, other = 9
    }

    static func encode(_ value: LuaValue) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        encode(value, into: &bytes)
        return bytes
    }

    private static func encode(_ value: LuaValue, into bytes: inout [UInt8]) {
        switch value {
        case .nil, .function, .other:
            bytes.append(Tag.null.rawValue)
        case let .bool(flag):
            bytes.append(flag ? Tag.trueValue.rawValue : Tag.falseValue.rawValue)
        case let .integer(number):
            bytes.append(Tag.integer.rawValue)
            appendLittleEndian(UInt64(bitPattern: number), into: &bytes)
        case let .number(number):
            bytes.append(Tag.float.rawValue)
            appendLittleEndian(number.bitPattern, into: &bytes)
        case let .string(text):
            var text = text
            text.withUTF8 { appendString($0, into: &bytes) }
        case let .bytes(raw):
            raw.withUnsafeBufferPointer { appendString($0, into: &bytes) }
        case let .array(items):
            bytes.append(Tag.array.rawValue)
            appendLittleEndian(UInt32(items.count), into: &bytes)
            for item in items { encode(item, into: &bytes) }
        case let .map(entries):
            // Lua tables cannot hold nil keys or values, so such entries are left out.
            let isKept = { (entry: (key: LuaValue, value: LuaValue)) in !entry.key.isNil && !entry.value.isNil }
            var keptCount = 0
            for entry in entries where isKept(entry) { keptCount += 1 }
            bytes.append(Tag.map.rawValue)
            appendLittleEndian(UInt32(keptCount), into: &bytes)
            for entry in entries where isKept(entry) {
                encode(entry.key, into: &bytes)
                encode(entry.value, into: &bytes)
            }
        }
    }

    private static func appendString(_ raw: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]) {
        bytes.append(Tag.string.rawValue)
        appendLittleEndian(UInt32(raw.count), into: &bytes)
        bytes.append(contentsOf: raw)
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, into bytes: inout [UInt8]) {
        var little = value.littleEndian
        withUnsafeBytes(of: &little) { bytes.append(contentsOf: $0) }
    }

    struct DecodingError: Error {
        var offset: Int
    }

    static func decode(_ buffer: UnsafeBufferPointer<UInt8>) throws(DecodingError) -> LuaValue {
        var reader = Reader(buffer: buffer)
        let value = try reader.value(depth: 0)
        if reader.offset != buffer.count { throw DecodingError(offset: reader.offset) }
        return value
    }

    private struct Reader {
        let buffer: UnsafeBufferPointer<UInt8>
        var offset = 0

        mutating func take(_ count: Int) throws(DecodingError) -> UnsafeBufferPointer<UInt8> {
            guard count >= 0, buffer.count - offset >= count else { throw DecodingError(offset: offset) }
            let slice = UnsafeBufferPointer(rebasing: buffer[offset..<(offset + count)])
            offset += count
            return slice
        }

        mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws(DecodingError) -> T {
            let raw = try take(MemoryLayout<T>.size)
            var value: T = 0
            withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(raw)) }
            return T(littleEndian: value)
        }

        mutating func text() throws(DecodingError) -> [UInt8] {
            let count = Int(try integer(UInt32.self))
            return Array(try take(count))
        }

        mutating func value(depth: Int) throws(DecodingError) -> LuaValue {
            guard depth <= 80, let tag = Tag(rawValue: try take(1)[0]) else { throw DecodingError(offset: offset) }
            switch tag {
            case .null: return .nil
            case .falseValue: return .bool(false)
            case .trueValue: return .bool(true)
            case .integer: return .integer(Int64(bitPattern: try integer(UInt64.self)))
            case .float: return .number(Double(bitPattern: try integer(UInt64.self)))
            case .string:
                let count = Int(try integer(UInt32.self))
                let raw = try take(count)
                if let decoded = String(validating: raw, as: UTF8.self) { return .string(decoded) }
                return .bytes(Array(raw))
            case .array:
                let count = Int(try integer(UInt32.self))
                var items: [LuaValue] = []
                items.reserveCapacity(min(count, 4096))
                for _ in 0..<count { items.append(try value(depth: depth + 1)) }
                return .array(items)
            case .map:
                let count = Int(try integer(UInt32.self))
                var entries: [(key: LuaValue, value: LuaValue)] = []
                entries.reserveCapacity(min(count, 4096))
                for _ in 0..<count {
                    let key = try value(depth: depth + 1)
                    let item = try value(depth: depth + 1)
                    entries.append((key: key, value: item))
                }
                return .map(entries)
            case .function:
                let line = Int(Int32(bitPattern: try integer(UInt32.self)))
                let source = String(decoding: try text(), as: UTF8.self)
                return .function(source: source, line: line)
            case .other:
                return .other(String(decoding: try text(), as: UTF8.self))
            }
        }
    }
}
