// swift-tools-version:6.0
import PackageDescription

// Library modules, one per concept. Everything the `csm` binary links avoids
// Foundation: it adds several milliseconds to every process start.
let package = Package(
    name: "csm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "csm", targets: ["csm"]),
        .library(name: "CSMKit", targets: ["CSMSystem", "CSMRun", "CSMRender", "CSMRules", "CSMModel", "CSMEvaluator", "CSMPortfolio"]),
    ],
    targets: [
        // Lua 5.4 from the system (Debian: liblua5.4-dev), found through pkg-config.
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"]), .brew(["lua"])]
        ),
        // C glue that must not live in Swift: raising Lua errors, the hook, the capped allocator.
        .target(name: "CSMLuaGlue", dependencies: ["CLua"]),

        .target(name: "CSMSystem"),
        .target(name: "CSMJSON", dependencies: ["CSMSystem"]),
        .target(
            name: "CSMModel",
            dependencies: ["CSMJSON", "CSMSystem"],
            exclude: ["BuiltinModel"],
            plugins: ["EmbedResources"]
        ),
        .target(name: "CSMEvaluator", dependencies: ["CSMModel"]),
        .target(
            name: "CSMLua",
            dependencies: ["CSMLuaGlue", "CSMSystem"],
            exclude: ["prelude.lua"],
            plugins: ["EmbedResources"]
        ),
        .target(name: "CSMRules", dependencies: ["CSMLua", "CSMEvaluator", "CSMModel", "CSMJSON", "CSMSystem"]),
        .target(name: "CSMBuiltinPack", plugins: ["EmbedResources"]),
        .target(name: "CSMPlanning", dependencies: ["CSMRules", "CSMEvaluator", "CSMModel", "CSMSystem"]),
        .target(name: "CSMPortfolio", dependencies: ["CSMPlanning", "CSMEvaluator", "CSMModel", "CSMJSON", "CSMSystem"]),
        .target(name: "CSMRun", dependencies: ["CSMPortfolio", "CSMPlanning", "CSMRules", "CSMEvaluator", "CSMModel", "CSMJSON", "CSMSystem", "CSMBuiltinPack"]),
        .target(name: "CSMDiff", dependencies: ["CSMRun", "CSMJSON", "CSMSystem"]),
        .target(name: "CSMBatch", dependencies: ["CSMRun", "CSMPortfolio", "CSMRules", "CSMEvaluator", "CSMModel", "CSMJSON", "CSMSystem"]),
        .target(name: "CSMRender", dependencies: ["CSMRun", "CSMDiff", "CSMPortfolio", "CSMJSON", "CSMSystem"]),
        .target(
            name: "CSMRuleTools",
            dependencies: ["CSMRun", "CSMRules", "CSMPlanning", "CSMEvaluator", "CSMModel", "CSMJSON", "CSMSystem"],
            exclude: ["LuaDefinitions"],
            plugins: ["EmbedResources"]
        ),
        .target(name: "CSMCLI", dependencies: ["CSMBatch", "CSMPortfolio", "CSMRun", "CSMRender", "CSMDiff", "CSMRuleTools", "CSMLua", "CSMRules", "CSMPlanning", "CSMModel", "CSMJSON", "CSMSystem"]),
        // Release builds link the Swift runtime statically: the binary then needs only
        // the system's C libraries and Lua, and starts about 2 ms sooner.
        .executableTarget(
            name: "csm",
            dependencies: ["CSMCLI"],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
        ),

        // Build tool that turns data files (model, Lua prelude, built-in rule pack) into Swift sources.
        .executableTarget(name: "csm-embed", path: "Sources/csm-embed"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["csm-embed"]),

        .testTarget(name: "CSMJSONTests", dependencies: ["CSMJSON"]),
        .testTarget(name: "CSMSystemTests", dependencies: ["CSMSystem"]),
        .testTarget(name: "CSMModelTests", dependencies: ["CSMModel", "CSMJSON", "CSMSystem"]),
        .testTarget(name: "CSMEvaluatorTests", dependencies: ["CSMEvaluator", "CSMModel"]),
        .testTarget(name: "CSMLuaTests", dependencies: ["CSMLua"]),
        .testTarget(name: "CSMRulesTests", dependencies: ["CSMRules", "CSMEvaluator", "CSMModel"]),
        .testTarget(name: "CSMPlanningTests", dependencies: ["CSMPlanning", "CSMRules", "CSMEvaluator", "CSMModel"]),
        .testTarget(name: "CSMRenderTests", dependencies: ["CSMRender", "CSMRun", "CSMPortfolio", "CSMModel", "CSMJSON", "CSMPlanning", "CSMSystem"]),
        .testTarget(name: "CSMPortfolioTests", dependencies: ["CSMPortfolio", "CSMEvaluator", "CSMModel", "CSMJSON"]),
        .testTarget(name: "CSMBatchTests", dependencies: ["CSMBatch", "CSMPortfolio", "CSMRun", "CSMSystem"]),
        .testTarget(name: "CSMDiffTests", dependencies: ["CSMDiff", "CSMRun", "CSMJSON"]),
        .testTarget(name: "CSMRuleToolsTests", dependencies: ["CSMRuleTools", "CSMRun", "CSMRules"]),
        .testTarget(name: "CSMEndToEndTests", dependencies: ["CSMJSON"], exclude: ["Golden"]),
    ]
)

// libFuzzer targets, declared only when CSM_FUZZ=1: a fuzz target has no `main`,
// which would break a plain `swift build`. docs/security.md shows how to run them.
if Context.environment["CSM_FUZZ"] == "1" {
    let fuzzFlags: [String] = ["-sanitize=fuzzer,address", "-parse-as-library"]
    // Instrument the libraries too, so the fuzzer sees coverage of the code under test.
    for target in package.targets where target.type == .regular {
        if target.name == "CSMLuaGlue" {
            target.cSettings = (target.cSettings ?? []) + [.unsafeFlags(["-fsanitize=fuzzer-no-link,address"])]
        } else {
            target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-sanitize=fuzzer,address"])]
        }
    }
    package.targets += [
        .executableTarget(
            name: "FuzzAssessment",
            dependencies: ["CSMModel", "CSMEvaluator"],
            path: "Tests/Fuzz/FuzzAssessment",
            swiftSettings: [.unsafeFlags(fuzzFlags)],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
        ),
        .executableTarget(
            name: "FuzzRulePack",
            dependencies: ["CSMRules", "CSMModel", "CSMEvaluator", "CSMLua"],
            path: "Tests/Fuzz/FuzzRulePack",
            swiftSettings: [.unsafeFlags(fuzzFlags)],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
        ),
    ]
}
