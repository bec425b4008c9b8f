import ArgumentParser
import AssistClient
import Foundation
import NIOHTTP1

/// One request on behalf of a subcommand: send, print the answer as a table (or JSON), and
/// turn any failure into its sentence and exit code.
enum APICall {
    static func run(
        _ connection: ConnectionOptions, _ method: HTTPMethod, _ path: String,
        body: [String: Any?]? = nil, columns: [TextTable.Column], unwrap: String? = nil
    ) async throws {
        do {
            let json = try body.map { fields in
                String(decoding: try JSONSerialization.data(withJSONObject: fields.compactMapValues { $0 }, options: [.sortedKeys]), as: UTF8.self)
            }
            let answer = try await connection.makeAPIClient().request(method, path, json: json)
            TextTable.print(answer, columns: columns, json: connection.json, unwrap: unwrap)
        } catch let exit as ExitCode {
            throw exit
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ClientFailure.exit(for: error)
        }
    }

    /// A document as the server sent it (HTML, CSV, JSON), to stdout or to a file.
    static func download(_ connection: ConnectionOptions, _ path: String, to output: String?) async throws {
        do {
            let body = try await connection.makeAPIClient().request(.GET, path)
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: Data(body)) else {
                    throw ValidationError("Cannot write \(output): check the directory exists and is writable.")
                }
            } else {
                FileHandle.standardOutput.write(Data(body))
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ClientFailure.exit(for: error)
        }
    }

    static let userColumns: [TextTable.Column] = [
        ("ID", "id"), ("ROLE", "role"), ("NAME", "displayName"), ("E-MAIL", "email"), ("CUSTOMER", "customerId"),
        ("PHONE", "phone"), ("ON DUTY", "onDuty"), ("DISABLED", "disabled"),
    ]
    static let customerColumns: [TextTable.Column] = [("ID", "id"), ("NAME", "name"), ("INN", "inn"), ("KPP", "kpp")]
    static let tokenColumns: [TextTable.Column] = [
        ("ID", "id"), ("LABEL", "label"), ("CREATED", "createdAt"), ("EXPIRES", "expiresAt"), ("REVOKED", "revokedAt"),
    ]
}
