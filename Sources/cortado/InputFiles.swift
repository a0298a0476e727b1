import CortadoJSON
import Foundation

/// Reading the files and values a command is given, with messages that say what and where.
enum InputFiles {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func readText(_ path: String, what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "cannot read the \(what) file '\(path)'")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(description: "the \(what) file '\(path)' is not UTF-8 text")
        }
        return text
    }

    static func parseJSON(_ text: String, what: String) throws -> JSON {
        do {
            return try JSON(parsing: text)
        } catch {
            throw Problem(description: "the \(what) is not valid JSON: \(error)")
        }
    }
}

/// Writes to standard error.
/// A line on standard output, written at once: progress and errors interleave in the order they happen, even
/// through a pipe.
func say(_ message: String) {
    FileHandle.standardOutput.write(Data((message + "\n").utf8))
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
