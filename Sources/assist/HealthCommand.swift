import ArgumentParser
import AssistClient
import Foundation

/// `assist health`: is the server up, and over which TLS version do we talk to it.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Check that the server answers (GET /healthz)."
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let response: HTTPSResponse
        do {
            response = try await connection.makeClient().send(path: "/healthz")
        } catch {
            throw ClientFailure.exit(for: error)
        }
        if connection.json {
            print(response.bodyText)
        } else if response.status == 200,
                  let health = try? JSONDecoder().decode(Health.self, from: Data(response.body)) {
            print("\(health.status) — AssistBroker \(health.version) over \(health.tls)")
        } else {
            print("The server answered \(response.status): \(response.bodyText)")
        }
        if response.status != 200 {
            throw ExitCode(ClientFailure.serverError)
        }
    }

    private struct Health: Decodable {
        let status: String
        let version: String
        let tls: String
    }
}
