import Foundation

extension ProductionCalendar {
    /// The JSON shape of a calendar: `{"years": {"2026": {"holidays": [...], "workdays": [...], "shortened": [...]}}}`.
    public struct Document: Codable, Sendable, Equatable {
        public var years: [String: Year]

        public init(years: [String: Year]) {
            self.years = years
        }

        /// The document as stored with a revision: keys sorted, so the same calendar is the same text.
        public func storedJSON() throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        }
    }

    /// Why a calendar document was refused, in a sentence that says what to fix.
    public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Decodes and checks a calendar document: years are four-digit, every date belongs to its year,
    /// `workdays` are weekend days, `shortened` days are working days.
    public init(revision: Int, json: Data) throws(DocumentError) {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: json)
        } catch {
            throw DocumentError(description: "The calendar is not valid JSON of the form {\"years\": {\"2026\": {\"holidays\": [\"2026-01-01\"], \"workdays\": [], \"shortened\": []}}}: \(error).")
        }
        try self.init(revision: revision, document: document)
    }

    public init(revision: Int, document: Document) throws(DocumentError) {
        var years: [Int: Year] = [:]
        for (key, year) in document.years {
            guard key.count == 4, let number = Int(key), (2000...2100).contains(number) else {
                throw DocumentError(description: "'\(key)' is not a year from 2000 to 2100: use four digits, e.g. \"2028\".")
            }
            for date in year.holidays.union(year.workdays).union(year.shortened) where date.year != number {
                throw DocumentError(description: "\(date) is listed under \(key): list each date under its own year.")
            }
            for date in year.workdays where !date.isWeekend {
                throw DocumentError(description: "\(date) is listed as a working day but is not a Saturday or Sunday: list only weekend days made working.")
            }
            for date in year.shortened where year.holidays.contains(date) || (date.isWeekend && !year.workdays.contains(date)) {
                throw DocumentError(description: "\(date) is listed as shortened but is a day off: a shortened day must be a working day.")
            }
            years[number] = year
        }
        self.init(revision: revision, years: years)
    }

    public var document: Document {
        Document(years: Dictionary(uniqueKeysWithValues: years.map { (String($0.key), $0.value) }))
    }

    /// The calendar the product ships, as revision 1.
    public static let builtIn: ProductionCalendar = {
        do {
            return try ProductionCalendar(revision: 1, json: Data(BuiltInProductionCalendar.json.utf8))
        } catch {
            preconditionFailure("the built-in production calendar is invalid: \(error)")
        }
    }()
}
