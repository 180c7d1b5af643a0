@testable import Plots

/// Test-only Sixel reader: parses the DCS introducer, raster attributes, colour registers (RGB
/// percent, mapped back with round(p * 255 / 100) as libsixel does), colour selection, sixel
/// characters, `!n` repeats, `$` and `-`, into pixels. It also records which pixels were painted
/// and how often, so tests can check that every pixel of the image is painted.
struct SixelDecoder {
    struct Failure: Error, CustomStringConvertible { let description: String }

    var raster: Raster
    /// paintCount: [height, width] how many times each pixel was set.
    var paintCount: [Int]
    var registers: [Int: RGBA] = [:]

    static func channel(_ percent: Int) -> UInt8 { UInt8((percent * 255 + 50) / 100) }

    init(_ bytes: [UInt8]) throws {
        var i = 0
        func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }
        func number() -> Int? {
            var value: Int?
            while let c = peek(), c >= 48, c <= 57 { value = (value ?? 0) * 10 + Int(c - 48); i += 1 }
            return value
        }
        func numbers() -> [Int] {
            var list: [Int] = []
            while true {
                list.append(number() ?? 0)
                guard peek() == UInt8(ascii: ";") else { return list }
                i += 1
            }
        }
        guard bytes.count > 4, bytes[0] == 0x1B, bytes[1] == UInt8(ascii: "P") else { throw Failure(description: "no DCS") }
        i = 2
        _ = numbers()
        guard peek() == UInt8(ascii: "q") else { throw Failure(description: "no q after the DCS parameters") }
        i += 1
        guard peek() == UInt8(ascii: "\"") else { throw Failure(description: "no raster attributes") }
        i += 1
        let attributes = numbers()
        guard attributes.count == 4, attributes[0] == 1, attributes[1] == 1 else {
            throw Failure(description: "raster attributes \(attributes)")
        }
        let width = attributes[2], height = attributes[3]
        raster = Raster(width: width, height: height, fill: .clear)
        paintCount = [Int](repeating: 0, count: width * height)
        var x = 0, bandTop = 0
        var current: RGBA?
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "#"):
                i += 1
                let parameters = numbers()
                if parameters.count == 5 {
                    guard parameters[1] == 2, parameters[2...].allSatisfy({ (0...100).contains($0) }) else {
                        throw Failure(description: "colour definition \(parameters)")
                    }
                    registers[parameters[0]] = RGBA(Self.channel(parameters[2]), Self.channel(parameters[3]), Self.channel(parameters[4]))
                } else if parameters.count == 1 {
                    guard let color = registers[parameters[0]] else { throw Failure(description: "undefined register \(parameters[0])") }
                    current = color
                } else {
                    throw Failure(description: "colour parameters \(parameters)")
                }
            case UInt8(ascii: "$"): x = 0; i += 1
            case UInt8(ascii: "-"): x = 0; bandTop += 6; i += 1
            case UInt8(ascii: "!"), 63...126:
                var repeatCount = 1
                if c == UInt8(ascii: "!") {
                    i += 1
                    repeatCount = number() ?? 1
                }
                guard let sixel = peek(), (63...126).contains(sixel) else { throw Failure(description: "bad sixel at \(i)") }
                guard let color = current else { throw Failure(description: "sixel before a colour") }
                i += 1
                let mask = Int(sixel - 63)
                for _ in 0..<repeatCount {
                    for bit in 0..<6 where mask & (1 << bit) != 0 {
                        let y = bandTop + bit
                        guard x < width, y < height else { throw Failure(description: "pixel \(x),\(y) outside \(width)x\(height)") }
                        raster[x, y] = color
                        paintCount[y * width + x] += 1
                    }
                    x += 1
                }
            case 0x1B:
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"), i + 2 == bytes.count else {
                    throw Failure(description: "ESC not at the end")
                }
                return
            default:
                throw Failure(description: "unexpected byte \(c) at \(i)")
            }
        }
        throw Failure(description: "no string terminator")
    }
}
