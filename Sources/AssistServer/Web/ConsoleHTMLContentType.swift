import AssistCore
import Mustache

/// How the console's templates escape every `{{value}}`: `HTMLEscaping`, byte by byte.
///
/// Mustache's own escaping walks Characters and looks each up in a dictionary: two thirds of
/// a ticket page's rendering time. It also misses a quote followed by a combining accent (one
/// Character), at which a browser still ends an attribute.
struct ConsoleHTMLContentType: MustacheContentType {
    /// The name templates select it by (`{{% CONTENT_TYPE: … }}`), which `WebTemplates` puts at
    /// the top of each of them.
    static let name = "ASSIST_CONSOLE_HTML"

    func escapeText(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }
}
