/// Makes file input number `index`: a mutated copy of a valid file, and the short program a
/// user would type to open it (`image`, `mnist(path:)`, `load`, `cnn("config.json")`, `csv`),
/// which also shows what came out of it (the value, its config and output path).
public struct FileFamilies {
    let seeds: FileSeeds
    /// When set, every input is of this family (`--family`), to fuzz one format hard.
    let only: String?

    public init(seeds: FileSeeds, only: String? = nil) {
        self.seeds = seeds
        self.only = only
    }

    public static let names = ["png", "idx", "safetensors", "config", "csv"]

    /// 16 MB of zeros as one gzip member (about 16 KB), made once.
    static let zeroMember = ZlibTools.compress([UInt8](repeating: 0, count: 16 << 20), gzip: true, level: 9)

    public func input(seed: UInt64, index: Int) -> FuzzInput {
        var random = FuzzRandom(seed: seed, kind: .file, index: index)
        var family = FileFamilies.names[random.weighted([25, 20, 25, 20, 10])]
        if let only { family = only }
        if family == "idx", seeds.idx == nil { family = "png" }
        if family == "safetensors", seeds.safetensors.isEmpty { family = "config" }
        switch family {
        case "png": return png(&random)
        case "idx": return idx(&random)
        case "safetensors": return safetensors(&random)
        case "config": return config(&random)
        default: return csv(&random)
        }
    }

    func make(_ family: String, _ program: String, _ files: [(String, [UInt8])]) -> FuzzInput {
        FuzzInput(kind: .file, family: family, program: program, files: files.map { (name: $0.0, bytes: $0.1) },
                  fromFileData: true)
    }

    func png(_ random: inout FuzzRandom) -> FuzzInput {
        var bytes = random.pick(seeds.pngs)
        if random.chance(0.6), bytes.count > 33 {
            bytes = PNGMutator.mutate(bytes, &random)
        } else {
            bytes = ByteMutator.mutate(bytes, &random)
        }
        let size = random.pick(["", ", size: 28", ", size: 7", ", size: 1", ", size: 1e9", ", size: -1"])
        return make("png", "d = image(\"digit.png\"\(size))\nd\nimage(d)", [("digit.png", bytes)])
    }

    func idx(_ random: inout FuzzRandom) -> FuzzInput {
        guard let (images, labels) = seeds.idx else { return png(&random) }
        var imageFile = images, labelFile = labels
        // 0: images, 1: labels, 2: both, 3 (one in a hundred): a gzip bomb.
        let target = random.chance(0.01) ? 3 : random.below(3)
        func mutateIDX(_ file: [UInt8]) -> [UInt8] {
            var file = file
            if random.chance(0.5) {
                // Header fields: magic, count, rows, cols set to edge values.
                let field = random.pick([0, 4, 8, 12].filter { $0 + 4 <= file.count })
                file.replaceSubrange(field..<(field + 4), with: FileSeeds.be32(random.pick(
                    [0, 1, 2, 19, 21, 28, 29, 255, 65535, 1 << 24, 0x7FFF_FFFF, -1, 2049, 2051, 0x0803, 0x0801])))
            }
            if random.chance(0.5) { file = ByteMutator.mutate(file, &random) }
            return file
        }
        if target == 0 || target == 2 { imageFile = mutateIDX(imageFile) }
        if target == 1 || target == 2 { labelFile = mutateIDX(labelFile) }
        let gzip = random.chance(0.6)
        var files: [(String, [UInt8])] = []
        for (name, content) in [("t10k-images-idx3-ubyte", imageFile), ("t10k-labels-idx1-ubyte", labelFile),
                                ("train-images-idx3-ubyte", images), ("train-labels-idx1-ubyte", labels)] {
            if gzip {
                var compressed = ZlibTools.compress(content, gzip: true)
                if random.chance(0.15) { compressed = ByteMutator.mutate(compressed, &random) }
                files.append(("digits/\(name).gz", compressed))
            } else {
                files.append(("digits/\(name)", content))
            }
        }
        if target == 3 {
            // A gzip bomb: a header that claims many digits, then one member of zeros repeated
            // (gzip readers read concatenated members), inflating to far more than the file's size.
            let header = FileSeeds.be32(2051) + FileSeeds.be32(random.pick([20, 1 << 20, 2_700_000])) + FileSeeds.be32(28) + FileSeeds.be32(28)
            let member = FileFamilies.zeroMember
            var bomb = ZlibTools.compress(header, gzip: true)
            for _ in 0..<random.pick([1, 8, 127]) { bomb += member }
            files[0] = ("digits/t10k-images-idx3-ubyte.gz", bomb)
        }
        let size = random.pick(["7", "14", "28", "1", "3", "0", "1e9"])
        let fraction = random.pick(["1", "0.5", "0.01", "0", "1e-9"])
        return make("idx", "d = mnist(path: \"digits\", size: \(size), test_fraction: \(fraction))\nd\nlen(d)", files)
    }

    func safetensors(_ random: inout FuzzRandom) -> FuzzInput {
        var bytes = random.pick(seeds.safetensors)
        switch random.below(3) {
        case 0, 1: bytes = SafetensorsMutator.mutate(bytes, &random)
        default: bytes = ByteMutator.mutate(bytes, &random)
        }
        let use = random.pick(["m", "m.config", "m.output", "m.layers", "predict(m, [[0, 1]])",
                               "evaluate(m, mnist(size: 7, train_fraction: 0.01, test_fraction: 0.01))",
                               "infer(m, mnist(size: 7, train_fraction: 0.01, test_fraction: 0.01), count: 1)",
                               "save(m, \"again.safetensors\")"])
        return make("safetensors", "m = load(\"model.safetensors\")\nm\n\(use)", [("model.safetensors", bytes)])
    }

    func config(_ random: inout FuzzRandom) -> FuzzInput {
        var bytes = random.pick(seeds.configs)
        bytes = random.chance(0.8) ? JSONMutator.mutate(bytes, &random) : ByteMutator.mutate(bytes, &random)
        let use = random.pick(["m.config", "m.output", "m.shapes", "m.params", "m.layers",
                               "evaluate(m, mnist(size: 7, train_fraction: 0.01, test_fraction: 0.01))",
                               "predict(m, [[0, 1]])", "save(m, \"out.safetensors\")"])
        return make("config", "m = cnn(\"config.json\")\nm\n\(use)", [("config.json", bytes)])
    }

    func csv(_ random: inout FuzzRandom) -> FuzzInput {
        var bytes = random.pick(seeds.csvs)
        var text = String(decoding: bytes, as: UTF8.self)
        switch random.below(5) {
        case 0: text = text.replacingOccurrences(of: "\n", with: "\r\n")
        case 1: text = "\u{FEFF}" + text
        case 2:
            var lines = text.split(separator: "\n").map(String.init)
            if lines.count > 2 {
                var cells = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                cells[random.below(cells.count)] = random.pick(["\u{1b}]52;c;aGk=\u{7}", "nan", "inf", "-inf", "1e400", "",
                                                                 "\"a,b\"", String(repeating: "9", count: 100_000), "\u{1b}[2J", "\u{9b}1m"])
                lines[2] = cells.joined(separator: ",")
            }
            text = lines.joined(separator: "\n")
        default: break
        }
        bytes = Array(text.utf8)
        if random.chance(0.5) { bytes = ByteMutator.mutate(bytes, &random) }
        let use = random.pick(["d", "len(d)", "scatter(d)", "split(d)", "m = mlp(); train(m, d, epochs: 1)"])
        return make("csv", "d = csv(\"points.csv\")\n\(use)", [("points.csv", bytes)])
    }
}
