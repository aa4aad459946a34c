import Foundation
import XCTest

/// Checks that results do not depend on the names or folders of rule files. Copies of the built-in
/// pack (rules/ in the repository) with renamed or moved files must give the same initiatives and
/// summary as the built-in pack, and two processes must print byte-identical JSON.
final class PackDeterminismTests: CSMProcessTestCase {
    static let ruleFolder = packageRoot.appendingPathComponent("rules", isDirectory: true)
    static let sample = "samples/northwind-mid-market.json"

    /// Paths of the built-in pack's files relative to rules/, sorted.
    func packFiles() throws -> [String] {
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: Self.ruleFolder.path))
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: Self.ruleFolder.appendingPathComponent(relative).path)
            if attributes[.type] as? FileAttributeType == .typeRegular { files.append(relative) }
        }
        return files.sorted()
    }

    /// Copies rules/ to scratch/NAME, placing each file at the relative path `destination` returns.
    func copyPack(_ name: String, destination: (_ relative: String, _ index: Int) -> String) throws -> String {
        let target = scratch.appendingPathComponent(name, isDirectory: true)
        for (index, relative) in try packFiles().enumerated() {
            let url = target.appendingPathComponent(destination(relative, index))
            XCTAssertFalse(FileManager.default.fileExists(atPath: url.path), "\(name): two files copied to \(url.path)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.ruleFolder.appendingPathComponent(relative), to: url)
        }
        return target.path
    }

    /// Keeps the folders and renames every rule file to "z_" and its reversed name, which
    /// reverses much of the load order.
    func renamedCopy() throws -> String {
        try copyPack("renamed") { relative, _ in
            guard relative.hasSuffix(".lua") else { return relative }
            let url = URL(fileURLWithPath: relative)
            let stem = url.deletingPathExtension().lastPathComponent
            let folder = url.deletingLastPathComponent().relativePath
            let renamed = "z_" + String(stem.reversed()) + ".lua"
            return folder == "." ? renamed : folder + "/" + renamed
        }
    }

    /// Keeps the file names and moves rule files, in turn, to the top folder and two new subfolders.
    func movedCopy() throws -> String {
        let folders = ["", "moved/one/", "another/"]
        return try copyPack("moved") { relative, index in
            guard relative.hasSuffix(".lua") else { return relative }
            return folders[index % folders.count] + URL(fileURLWithPath: relative).lastPathComponent
        }
    }

    func runJSON(_ sample: String, rules: String?) throws -> (bytes: [UInt8], root: [String: Any]) {
        var arguments = ["run", sample, "--format", "json"]
        if let rules { arguments += ["--rules", rules] }
        let result = try csm(arguments)
        XCTAssertEqual(result.status, 0, "\(sample) with \(rules ?? "the built-in pack"): expected success; stderr: \(result.stderr)")
        let root = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any]
        return (result.stdout, try XCTUnwrap(root, "expected a JSON object from \(sample)"))
    }

    func testCopiedPackSameResults() throws {
        let copies = [("renamed files", try renamedCopy()), ("moved files", try movedCopy())]
        let samples = try FileManager.default.contentsOfDirectory(atPath: Self.packageRoot.appendingPathComponent("samples").path)
            .filter { $0.hasSuffix(".json") }.sorted().map { "samples/" + $0 }
        XCTAssertFalse(samples.isEmpty, "expected sample assessments in samples/")

        for sample in samples {
            let original = try runJSON(sample, rules: nil).root
            let originalPack = (original["rule_packs"] as? [[String: Any]])?.first
            for (name, copy) in copies {
                let label = "\(sample), \(name)"
                let copied = try runJSON(sample, rules: copy).root
                let packs = copied["rule_packs"] as? [[String: Any]] ?? []
                XCTAssertEqual(packs.count, 1, "\(label): expected the copy, named core, to replace the built-in pack")
                XCTAssertEqual(packs.first?["sha256"] as? String, originalPack?["sha256"] as? String,
                               "\(label): expected the pack hash to ignore file names and folders")
                for key in ["initiatives", "summary"] {
                    let same = (copied[key] as? NSObject)?.isEqual(original[key]) ?? false
                    XCTAssertTrue(same, "\(label): expected the same \"\(key)\" as the built-in pack")
                }
            }
        }
    }

    func testCopiedPackByteIdentical() throws {
        let copy = try renamedCopy()
        let first = try runJSON(Self.sample, rules: copy).bytes
        let second = try runJSON(Self.sample, rules: copy).bytes
        XCTAssertFalse(first.isEmpty, "expected JSON on standard output")
        XCTAssertEqual(first, second, "expected two processes to print byte-identical JSON")
    }
}
