import CSMRules
import CSMSystem

/// Creates a new rule pack that passes `csm rules check` and `csm rules test` as generated.
public enum PackScaffold {
    /// Writes the pack's files into `directory`, which must not exist or must be empty.
    /// Returns the paths written.
    public static func create(at directory: String, name requestedName: String? = nil) throws(CSMError) -> [String] {
        let name = requestedName ?? packName(for: directory)
        guard PackManifestNames.isValid(name) else {
            throw CSMError(.usage, Diagnostic(subject: "--name \(name)", message: "invalid pack name; use lowercase letters, digits, '-' and '_'"))
        }
        switch FileSystem.kind(of: directory) {
        case .missing:
            try FileSystem.createDirectory(directory)
        case .directory:
            let existing = try FileSystem.listFiles(in: directory)
            if !existing.isEmpty {
                throw CSMError(.usage, Diagnostic(file: directory, message: "directory is not empty; choose a new directory for the pack"))
            }
        default:
            throw CSMError(.usage, Diagnostic(file: directory, message: "exists and is not a directory"))
        }
        let initiative = String(name.map { $0 == "_" ? "-" : $0 }) + "-detractor-follow-up"
        let files: [(String, String)] = [
            ("pack.json", manifest(name)),
            ("rules/customer_voice.lua", ruleFile(name, initiative: initiative)),
            ("tests/detractor_follow_up.json", testFile(name, initiative: initiative)),
            (".luarc.json", luarc),
            (".luacheckrc", luacheckrc),
            (".luals/csm.d.lua", EmbeddedLuaDefinitions.files.first { $0.path == "csm.d.lua" }?.contents ?? ""),
            ("README.md", readme(name, directory: directory)),
        ]
        var written: [String] = []
        for (relative, contents) in files {
            let path = FileSystem.join(directory, relative)
            try FileSystem.createDirectory(FileSystem.directoryName(of: path))
            try FileSystem.writeAtomically(Array(contents.utf8), to: path)
            written.append(path)
        }
        return written
    }

    static func packName(for directory: String) -> String {
        let trimmed = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let base = FileSystem.baseName(of: trimmed).lowercased()
        let cleaned = String(base.map { ($0.isLetter && $0.isASCII) || ($0.isNumber && $0.isASCII) || $0 == "-" || $0 == "_" ? $0 : "-" })
        return cleaned.isEmpty ? "my-pack" : cleaned
    }

    static func manifest(_ name: String) -> String {
        """
        {
          "schema": "csm.pack/v1",
          "name": "\(name)",
          "version": "0.1.0",
          "api_version": 1,
          "description": "Custom rules layered over the built-in pack.",
          "parameters": {
            "nps_floor": {
              "type": "number",
              "default": 20,
              "description": "Relationship NPS below this value makes a detractor follow-up program worth proposing."
            }
          }
        }

        """
    }

    static func ruleFile(_ name: String, initiative: String) -> String {
        """
        -- Customer voice: rules of the \(name) pack. Run `csm rules test` after every change.
        local D = "customer_lifecycle.customer_centric_culture"

        rule {
          id = "\(name).detractor-follow-up",
          title = "Detractors are not contacted after a low NPS answer",
          dimensions = { D },
          toward = "adopting",
          initiative = {
            id = "\(initiative)",
            title = "Call back every detractor within five working days",
            summary = "Every customer who answers 0 to 6 in the relationship survey hears back from a person, "
              .. "and the cause is logged so patterns reach product and leadership.",
            actions = {
              "CS Ops routes every detractor answer to the account's CSM, or to a pooled queue, the same day.",
              "The CSM calls within five working days and logs the cause with a fixed list of categories.",
              "The CS leader reviews the causes monthly with product and support and publishes the top three.",
            },
            effort = "small",
            impact = "medium",
            kpis = { "NPS", "CSAT" },
          },
          reason = function()
            return ("Relationship NPS is %g, below the floor of %g, and %s scores %.1f."):format(
              fact("nps"), param("nps_floor"), name(D), score(D))
          end,
          when = function()
            return needs(D, "adopting") and fact_below("nps", param("nps_floor"))
          end,
          examples = {
            fires = { { scores = { [D] = 0.5 }, facts = { nps = 5 } } },
            quiet = {
              { scores = { [D] = 0.5 }, facts = { nps = 45 } },
              { scores = { [D] = 1.5 }, facts = { nps = 5 } },
              { scores = { [D] = 0.5 } },
            },
          },
        }

        """
    }

    static func testFile(_ name: String, initiative: String) -> String {
        """
        {
          "schema": "csm.rule-test/v1",
          "description": "A company with a low NPS and no customer-centric culture gets the detractor follow-up",
          "assessment": {
            "schema": "csm.assessment/v1",
            "organization": { "name": "Test company", "segment": "smb" },
            "assessed_on": "2026-01-15",
            "facts": { "nps": -5 },
            "dimensions": {
              "customer_lifecycle.customer_centric_culture": { "score": 0.5 },
              "customer_lifecycle.proactive_engagement": { "score": 2.5 }
            }
          },
          "expect": {
            "present": ["\(initiative)"],
            "fired": ["\(name).detractor-follow-up"]
          }
        }

        """
    }

    static let luarc = """
    {
      "$schema": "https://raw.githubusercontent.com/LuaLS/vscode-lua/master/setting/schema.json",
      "runtime.version": "Lua 5.4",
      "workspace.library": [".luals"],
      "workspace.checkThirdParty": false,
      "diagnostics.globals": [],
      "diagnostics.disable": ["lowercase-global"]
    }

    """

    static let luacheckrc = """
    -- Luacheck settings for a csm rule pack: the rule API globals are read-only.
    std = "lua54"
    max_line_length = 140
    exclude_files = { "**/.luals/*.lua", ".luals/*.lua" }
    read_globals = {
      "rule", "adjust",
      "score", "level", "target", "target_level", "gap", "assessed", "spread", "name",
      "competency", "overall", "weakest",
      "fact", "has_fact", "param", "organization", "assessed_on",
      "needs", "below", "at_least", "fact_below", "fact_at_least", "fact_is", "disagree",
      "percent", "money",
    }

    """

    static func readme(_ name: String, directory: String) -> String {
        """
        # \(name)

        A csm rule pack. Rule files are the `.lua` files under this folder (except `tests/`),
        loaded in sorted path order; `pack.json` names the pack and its parameters.

            csm rules check \(directory)        # validate the pack
            csm rules test \(directory)         # run the examples and tests/*.json
            csm run ASSESSMENT.json --rules \(directory)

        Editors with the Lua Language Server complete the rule API through `.luarc.json`
        and the definitions in `.luals/`.

        """
    }
}

/// Pack name syntax, shared with the manifest reader.
enum PackManifestNames {
    static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 }
    }
}
