import CSMEvaluator
import CSMLua
import CSMModel
import CSMRules

/// libFuzzer target: any bytes given as a rule file must load or be rejected
/// with a diagnostic, and loaded rules must evaluate without crashing the host.
let model = try! ModelLoader.builtin()
let evaluation: Evaluation = {
    let text = """
    {"schema": "csm.assessment/v1", "organization": {"name": "Fuzz"}, "assessed_on": "2026-01-01",
     "facts": {"grr": 0.8, "nrr": 1.05, "usage_telemetry": false, "pricing_model": "usage"},
     "dimensions": {"customer_lifecycle.codified_journey": {"score": 0.5},
                    "operating_model.data_driven_insights": {"score": 2.5, "target": 3}}}
    """
    return Evaluator.evaluate(try! AssessmentParser.parse(bytes: Array(text.utf8), source: "fuzz.json", model: model), model: model)
}()
let limits = LuaLimits(memoryBytes: 64 * 1024 * 1024, callMemoryBytes: 16 * 1024 * 1024, instructions: 200_000, seconds: 0.5)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRulePack(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let source = RulePackSource(origin: "fuzz-pack", files: [(path: "rule.lua", bytes: bytes)])
    let (engine, _) = RuleEngine.load(sources: [source], model: model, limits: limits)
    guard let engine else { return 0 }
    _ = try? engine.evaluate(evaluation, options: EvaluationOptions(trace: true, stopOnFailure: false))
    return 0
}

// SwiftPM links an executable target's entry point under the name
// FuzzRulePack_main; hand control to libFuzzer's driver from there.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzRulePack_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzRulePack)
}
