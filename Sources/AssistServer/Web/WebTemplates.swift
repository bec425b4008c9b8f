import Foundation
import Mustache

/// The console's page templates, read once at start-up from the module's resources.
///
/// Every `{{value}}` is escaped for HTML (`ConsoleHTMLContentType`); triple braces are used only
/// for HTML the server built itself (never for text a person typed).
struct WebTemplates: Sendable {
    let library: MustacheLibrary

    /// Every `*.mustache` file of `Web/Templates`, registered by its name without extension.
    static func load() throws -> WebTemplates {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw WebTemplateError(detail: "the Templates folder is missing from the AssistServer resources")
        }
        MustacheContentTypes.register(ConsoleHTMLContentType(), named: ConsoleHTMLContentType.name)
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        for file in files {
            // Not on a line of its own, so that it leaves no blank line where it stood.
            let text = "{{% CONTENT_TYPE: \(ConsoleHTMLContentType.name)}}"
                + (try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
            do {
                try library.register(text, named: String(file.dropLast(".mustache".count)))
            } catch {
                throw WebTemplateError(detail: "\(file) does not parse: \(error)")
            }
        }
        return WebTemplates(library: library)
    }

    /// The page `name` rendered with `model`; a missing template is a programming error that
    /// the tests catch, answered here as an empty page rather than a crash.
    func render(_ name: String, _ model: [String: Any]) -> String {
        library.render(model, withTemplate: name) ?? ""
    }
}

/// A page template could not be read or parsed: the server does not start.
struct WebTemplateError: Error, CustomStringConvertible {
    let detail: String
    var description: String { "web console templates: \(detail)" }
}
