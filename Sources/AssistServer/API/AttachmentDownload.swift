import AssistCore
import Hummingbird

/// An attachment's bytes as a download, for the API and the console alike.
enum AttachmentDownload {
    static func response(_ content: AttachmentContent) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: content.attachment.mediaType,
                // Saved, never shown inline: a file is whatever a stranger sent; never cached.
                .contentDisposition: ContentDisposition.attachment(fileName: content.attachment.fileName),
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: content.bytes)))
    }
}
