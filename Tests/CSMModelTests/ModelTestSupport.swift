import CSMSystem
import Foundation
import XCTest

/// Helpers shared by the model and assessment tests.
enum ModelTestSupport {
    /// The package root: three levels above this file (Tests/CSMModelTests/ModelTestSupport.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Where a diagnostic is expected to point.
    enum Location {
        /// The start of the `occurrence`-th match of the text in the document.
        case at(String, occurrence: Int = 1)
        /// An explicit line and column.
        case lineColumn(Int, Int)
        /// Just after the last character of the document (where a truncated file ends).
        case end
        /// The line of the match, without a check of the column.
        case lineOf(String)
    }

    /// 1-based line and column of the `occurrence`-th match of `needle` in `text`.
    /// Columns count Unicode scalars and a leading byte-order mark is not counted, as in the parser.
    static func location(of needle: String, in text: String, occurrence: Int = 1) -> (line: Int, column: Int)? {
        let scalars = Array(text.unicodeScalars.drop { $0 == "\u{FEFF}" })
        let pattern = Array(needle.unicodeScalars)
        guard !pattern.isEmpty, pattern.count <= scalars.count else { return nil }
        var found = 0
        for start in 0...(scalars.count - pattern.count) where Array(scalars[start..<start + pattern.count]) == pattern {
            found += 1
            if found == occurrence {
                return position(ofScalarOffset: start, in: scalars)
            }
        }
        return nil
    }

    /// Line and column just after the last character of `text`.
    static func endLocation(of text: String) -> (line: Int, column: Int) {
        let scalars = Array(text.unicodeScalars.drop { $0 == "\u{FEFF}" })
        return position(ofScalarOffset: scalars.count, in: scalars)
    }

    private static func position(ofScalarOffset offset: Int, in scalars: [Unicode.Scalar]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for scalar in scalars[..<offset] {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// Checks that `diagnostic` points at `expected` in `text`.
    static func assertLocation(
        _ diagnostic: Diagnostic, _ expected: Location, in text: String, _ name: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let wanted: (line: Int, column: Int?)
        switch expected {
        case let .at(needle, occurrence):
            guard let found = location(of: needle, in: text, occurrence: occurrence) else {
                XCTFail("\(name): the test document does not contain \(needle) (occurrence \(occurrence))", file: file, line: line)
                return
            }
            wanted = (found.line, found.column)
        case let .lineColumn(lineNumber, column):
            wanted = (lineNumber, column)
        case .end:
            let found = endLocation(of: text)
            wanted = (found.line, found.column)
        case let .lineOf(needle):
            guard let found = location(of: needle, in: text) else {
                XCTFail("\(name): the test document does not contain \(needle)", file: file, line: line)
                return
            }
            wanted = (found.line, nil)
        }
        XCTAssertEqual(diagnostic.line, wanted.line, "\(name): expected line \(wanted.line) in \(diagnostic)", file: file, line: line)
        if let column = wanted.column {
            XCTAssertEqual(diagnostic.column, column, "\(name): expected column \(column) in \(diagnostic)", file: file, line: line)
        }
    }

    /// Checks that `message` contains every fragment and none of the `absent` ones.
    static func assertMessage(
        _ message: String, contains fragments: [String], lacks absent: [String] = [], _ name: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        for fragment in fragments {
            XCTAssertTrue(message.contains(fragment), "\(name): expected the message to contain \"\(fragment)\", got \"\(message)\"",
                          file: file, line: line)
        }
        for fragment in absent {
            XCTAssertFalse(message.contains(fragment), "\(name): expected the message not to contain \"\(fragment)\", got \"\(message)\"",
                           file: file, line: line)
        }
    }
}
