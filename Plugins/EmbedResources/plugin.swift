import Foundation
import PackagePlugin

/// Embeds the data files a module needs at run time, so the `csm` binary
/// carries its model, its Lua prelude and its built-in rule pack.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let packageRoot = context.package.directoryURL
        let sources = packageRoot.appending(path: "Sources")
        let embedding: (typeName: String, root: URL, extensions: Set<String>)
        switch target.name {
        case "CSMModel":
            embedding = ("EmbeddedModel", sources.appending(path: "CSMModel/BuiltinModel"), ["json"])
        case "CSMLua":
            embedding = ("EmbeddedPrelude", sources.appending(path: "CSMLua"), ["lua"])
        case "CSMRuleTools":
            embedding = ("EmbeddedLuaDefinitions", sources.appending(path: "CSMRuleTools/LuaDefinitions"), ["lua"])
        case "CSMBuiltinPack":
            embedding = ("EmbeddedRulePack", packageRoot.appending(path: "rules"), ["lua", "json"])
        default:
            return []
        }
        let inputs = try listFiles(under: embedding.root, extensions: embedding.extensions)
        let output = context.pluginWorkDirectoryURL.appending(path: "\(embedding.typeName).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) files into \(embedding.typeName)",
                executable: try context.tool(named: "csm-embed").url,
                arguments: [output.path, embedding.typeName, embedding.root.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    /// Lists regular files with one of `extensions`, recursively, sorted by path.
    private func listFiles(under root: URL, extensions: Set<String>) throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]
        ) else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator where extensions.contains(url.pathExtension) {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(url)
            }
        }
        return files.sorted { $0.path < $1.path }
    }
}
