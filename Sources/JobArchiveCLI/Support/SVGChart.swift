import Foundation

/// A hand-written SVG line chart: one small panel per series, each with its own y scale.
///
/// Series of a version differ by orders of magnitude (percentages, bytes per second), so sharing one
/// axis would flatten most of them; stacked panels with a common x axis keep every curve readable.
struct SVGLineChart {
    /// One curve; nil samples break the line.
    struct Series {
        var name: String
        var values: [Double?]
    }

    var title: String
    var subtitle: String
    /// Distance between samples on the x axis, in `xUnit`.
    var step: Double
    var xUnit: String
    var series: [Series]

    private static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    func render() -> String {
        let width = 820.0
        let left = 78.0
        let right = 24.0
        let top = 64.0
        let panelHeight = 110.0
        let panelGap = 38.0
        let plotWidth = width - left - right
        let height = top + Double(series.count) * (panelHeight + panelGap) + 24
        let samples = max(2, series.map(\.values.count).max() ?? 2)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="11">
            <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="#ffffff"/>
            <text x="\(left)" y="24" font-size="15" font-weight="bold">\(SVGLineChart.escape(title))</text>
            <text x="\(left)" y="42" fill="#555555">\(SVGLineChart.escape(subtitle))</text>

            """
        for (index, s) in series.enumerated() {
            let y0 = top + Double(index) * (panelHeight + panelGap)
            let numbers = s.values.compactMap { $0 }
            var low = numbers.min() ?? 0
            var high = numbers.max() ?? 1
            if low == high {
                low -= low == 0 ? 0 : abs(low) * 0.1
                high += high == 0 ? 1 : abs(high) * 0.1
            }
            if low > 0, low < (high - low) { low = 0 }
            let color = SVGLineChart.palette[index % SVGLineChart.palette.count]
            func x(_ i: Int) -> Double { left + plotWidth * Double(i) / Double(samples - 1) }
            func y(_ v: Double) -> Double { y0 + panelHeight - panelHeight * (v - low) / (high - low) }
            svg += "<g>\n"
            svg += "<text x=\"\(left)\" y=\"\(fmt(y0 - 8))\" font-weight=\"bold\" fill=\"\(color)\">\(SVGLineChart.escape(s.name))</text>\n"
            if let mean = numbers.isEmpty ? nil : numbers.reduce(0, +) / Double(numbers.count) {
                let stats = "min \(SVGLineChart.label(numbers.min() ?? 0))  mean \(SVGLineChart.label(mean))  max \(SVGLineChart.label(numbers.max() ?? 0))"
                svg += "<text x=\"\(fmt(width - right))\" y=\"\(fmt(y0 - 8))\" text-anchor=\"end\" fill=\"#555555\">\(stats)</text>\n"
            }
            svg += "<rect x=\"\(fmt(left))\" y=\"\(fmt(y0))\" width=\"\(fmt(plotWidth))\" height=\"\(fmt(panelHeight))\" fill=\"#fafafa\" stroke=\"#cccccc\"/>\n"
            for fraction in [0.0, 0.5, 1.0] {
                let value = low + (high - low) * fraction
                let yy = y(value)
                svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(yy))\" x2=\"\(fmt(left + plotWidth))\" y2=\"\(fmt(yy))\" stroke=\"#e4e4e4\"/>\n"
                svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(yy + 4))\" text-anchor=\"end\" fill=\"#555555\">\(SVGLineChart.label(value))</text>\n"
            }
            // The curve, broken where samples are missing.
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\" stroke-linejoin=\"round\" points=\"\(segment.joined(separator: " "))\"/>\n"
                } else if let point = segment.first {
                    let xy = point.split(separator: ",")
                    svg += "<circle cx=\"\(xy[0])\" cy=\"\(xy.count > 1 ? xy[1] : "0")\" r=\"2\" fill=\"\(color)\"/>\n"
                }
                segment.removeAll()
            }
            for (i, value) in s.values.enumerated() {
                if let value { segment.append("\(fmt(x(i))),\(fmt(y(value)))") } else { flush() }
            }
            flush()
            // x ticks: first, middle, last sample.
            for i in Set([0, (samples - 1) / 2, samples - 1]).sorted() {
                let text = SVGLineChart.label(Double(i) * step) + (i == samples - 1 ? " \(xUnit)" : "")
                svg += "<text x=\"\(fmt(x(i)))\" y=\"\(fmt(y0 + panelHeight + 14))\" text-anchor=\"middle\" fill=\"#555555\">\(SVGLineChart.escape(text))</text>\n"
            }
            svg += "</g>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    private func fmt(_ v: Double) -> String { String(format: "%.1f", v) }

    /// A compact axis label: 1.2k, 3.4M, 0.25.
    static func label(_ v: Double) -> String {
        let a = abs(v)
        if a >= 1e9 { return String(format: "%.1fG", v / 1e9) }
        if a >= 1e6 { return String(format: "%.1fM", v / 1e6) }
        if a >= 1e4 { return String(format: "%.1fk", v / 1e3) }
        if a == a.rounded() { return String(Int64(v)) }
        return String(format: a >= 10 ? "%.1f" : "%.2f", v)
    }

    /// XML text escaping.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if let scalar = c.unicodeScalars.first, scalar.value < 0x20 { out += " " } else { out.append(c) }
            }
        }
        return out
    }
}
