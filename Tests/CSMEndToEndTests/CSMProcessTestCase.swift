import Foundation
import XCTest

/// A test case that runs the built `csm` binary from the package root, with a
/// scratch folder of its own for each test.
class CSMProcessTestCase: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("csm-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    // MARK: - Processes

    struct ProcessResult {
        let status: Int32
        let stdout: [UInt8]
        let stderr: String

        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs `csm` from the package root.
    func csm(_ arguments: [String], environment: [String: String] = [:],
                     standardInput: String? = nil) throws -> ProcessResult {
        try run(try Self.binary(), arguments, environment: environment, standardInput: standardInput)
    }

    /// Runs a program from the package root with NO_COLOR and CSM_UPDATE_GOLDEN removed from the
    /// environment, then `environment` added. Output goes to files, so large output cannot fill a pipe.
    func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                     standardInput: String? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = Self.packageRoot
        var variables = ProcessInfo.processInfo.environment
        variables["NO_COLOR"] = nil
        variables["CSM_UPDATE_GOLDEN"] = nil
        variables.merge(environment) { _, new in new }
        process.environment = variables

        let stamp = UUID().uuidString
        let stdoutURL = scratch.appendingPathComponent("stdout-\(stamp)")
        let stderrURL = scratch.appendingPathComponent("stderr-\(stamp)")
        try Data().write(to: stdoutURL)
        try Data().write(to: stderrURL)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        if let standardInput {
            process.standardInput = try XCTUnwrap(FileHandle(forReadingAtPath: standardInput), "cannot open \(standardInput)")
        } else {
            process.standardInput = FileHandle.nullDevice
        }

        try process.run()
        // A generous bound, because a run takes well under a second. It only stops a hung process.
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            XCTFail("\(executable) \(arguments.joined(separator: " ")) did not finish within 60 s")
        }
        process.waitUntilExit()
        try stdoutHandle.close()
        try stderrHandle.close()

        let stdout = try Data(contentsOf: stdoutURL)
        let stderr = try Data(contentsOf: stderrURL)
        try? FileManager.default.removeItem(at: stdoutURL)
        try? FileManager.default.removeItem(at: stderrURL)
        return ProcessResult(status: process.terminationStatus, stdout: Array(stdout),
                             stderr: String(decoding: stderr, as: UTF8.self))
    }

    struct BinaryNotFound: Error, CustomStringConvertible {
        let description: String
    }

    /// Locates the `csm` binary: CSM_BINARY when set, else the sibling of the test bundle in the products folder.
    static func binary() throws -> String {
        if let path = ProcessInfo.processInfo.environment["CSM_BINARY"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw BinaryNotFound(description: "CSM_BINARY is set to \(path), which is not an executable file")
            }
            return path
        }
        // On Linux the test runner is the .xctest executable itself, and on macOS the .xctest bundle
        // is in the products folder. Either way `csm` is its sibling.
        var folders: [URL] = []
        if let first = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL {
            folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        folders.append(Bundle(for: CSMProcessTestCase.self).bundleURL.deletingLastPathComponent())
        var searched: [String] = []
        for folder in folders {
            let candidate = folder.appendingPathComponent("csm").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            if !searched.contains(candidate) { searched.append(candidate) }
        }
        throw BinaryNotFound(description: "the csm binary was not found; searched \(searched.joined(separator: ", ")). "
            + "Build it with 'swift build --build-tests', or set CSM_BINARY to its path.")
    }

}
