import ArchiveStore
import Foundation

/// Writes a Codable value to standard output as JSON in the one convention (``JSONOutput``: snake_case keys).
func printJSON(_ value: some Encodable) throws {
    var data = try JSONOutput.encode(value)
    data.append(0x0A)
    data.withUnsafeBytes { Console.current.writeOut($0) }
}

/// Human-readable byte counts (1.5 MB style, base 1000).
func formatBytes(_ bytes: Int) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
}
