import CSMModel
import CSMSystem
import Foundation
import XCTest

/// Replays the fuzzer's saved assessment inputs (Tests/Fuzz/Regressions/assessment)
/// through the normal parser. Each must give an assessment or an input error, never a crash.
final class FuzzRegressionTests: XCTestCase {
    static let directory = ModelTestSupport.packageRoot.appendingPathComponent("Tests/Fuzz/Regressions/assessment")

    func testAssessmentRegressionsParseOrReject() throws {
        let model = try ModelLoader.builtin()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { !$0.hasPrefix(".") }
            .sorted()
        XCTAssertFalse(names.isEmpty, "expected reproducer files in \(Self.directory.path)")

        for name in names {
            let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name)))
            do {
                let assessment = try AssessmentParser.parse(bytes: bytes, source: name, model: model)
                XCTAssertEqual(assessment.source, name, "\(name): expected the assessment to keep its source name")
            } catch {
                XCTAssertEqual(error.kind, .input, "\(name): expected an input error, got \(error)")
                XCTAssertFalse(error.diagnostics.isEmpty, "\(name): expected at least one diagnostic")
                for diagnostic in error.diagnostics {
                    XCTAssertFalse(diagnostic.message.isEmpty, "\(name): expected every diagnostic to have a message")
                }
            }
        }
    }
}
