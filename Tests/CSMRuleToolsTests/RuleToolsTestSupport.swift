import Foundation
import XCTest

/// Temporary rule packs and assessments for rule tool tests.
enum RuleToolsTestSupport {
    /// The package root, found from this file's path.
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// Creates a directory holding `files` (relative path to contents) and returns its path.
    static func makePack(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("csm-tools-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return root.path
    }

    static func manifest(_ name: String, parameters: String = "{}", disable: String = "[]") -> String {
        """
        { "schema": "csm.pack/v1", "name": "\(name)", "version": "1.0.0", "api_version": 1,
          "parameters": \(parameters), "disable": \(disable) }
        """
    }

    /// Returns a proposing rule on codified_journey with the given examples and prerequisites.
    static func rule(id: String, initiative: String, requires: String = "{}", examples: String, when: String = "needs(D, \"adopting\")") -> String {
        """
        local D = "customer_lifecycle.codified_journey"
        rule {
          id = "\(id)",
          title = "Test rule \(id)",
          dimensions = { D },
          toward = "adopting",
          initiative = {
            id = "\(initiative)", title = "Initiative \(initiative)", summary = "Summary.",
            actions = { "Do it." }, effort = "small", impact = "high", kpis = { "TTFV" }, requires = \(requires),
          },
          when = function() return \(when) end,
          examples = \(examples),
        }
        """
    }

    static let assessment = """
    {
      "schema": "csm.assessment/v1",
      "organization": { "name": "Test Co" },
      "assessed_on": "2026-01-15",
      "facts": { "grr": 0.8 },
      "dimensions": {
        "customer_lifecycle.codified_journey": { "score": 0.5 },
        "customer_lifecycle.proactive_engagement": { "score": 1.5 }
      }
    }
    """
}
