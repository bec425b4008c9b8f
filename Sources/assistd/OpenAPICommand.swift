import ArgumentParser
import AssistServer
import Foundation

/// `assistd openapi`: print the OpenAPI document (the repository keeps it as openapi.json).
struct OpenAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi", abstract: "Print the OpenAPI 3.1 document of the API (assistd openapi > openapi.json).")

    func run() async throws {
        FileHandle.standardOutput.write(OpenAPIDocument.json)
        print()
    }
}
