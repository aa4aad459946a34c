import CSMEvaluator
import CSMModel

/// libFuzzer target: any bytes given to the assessment reader must give an
/// assessment or an input error, never a crash; valid assessments must evaluate.
let model = try! ModelLoader.builtin()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAssessment(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let assessment = try? AssessmentParser.parse(bytes: bytes, source: "fuzz.json", model: model) else { return 0 }
    let evaluation = Evaluator.evaluate(assessment, model: model)
    precondition(evaluation.dimensions.count == model.dimensions.count)
    return 0
}

// SwiftPM links an executable target's entry point under the name
// FuzzAssessment_main; hand control to libFuzzer's driver from there.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzAssessment_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzAssessment)
}
