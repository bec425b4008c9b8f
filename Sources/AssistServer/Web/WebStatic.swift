import Foundation
import Hummingbird

/// The console's own stylesheet and script, read once at start-up and served from memory:
/// pages load nothing from anywhere else.
struct WebStatic: Sendable {
    private let files: [String: (contentType: String, bytes: ByteBuffer)]

    static func load() throws -> WebStatic {
        guard let directory = Bundle.module.url(forResource: "Static", withExtension: nil) else {
            throw WebTemplateError(detail: "the Static folder is missing from the AssistServer resources")
        }
        var files: [String: (String, ByteBuffer)] = [:]
        for (name, type) in [("console.css", "text/css; charset=utf-8"), ("console.js", "text/javascript; charset=utf-8")] {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            files[name] = (type, ByteBuffer(bytes: data))
        }
        return WebStatic(files: files)
    }

    func register(on router: Router<AssistRequestContext>) {
        router.get("/static/:file") { _, context in
            guard let name = context.parameters.get("file"), let file = files[name] else { return Response(status: .notFound) }
            return Response(
                status: .ok, headers: [.contentType: file.contentType, .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: file.bytes))
        }
    }
}
