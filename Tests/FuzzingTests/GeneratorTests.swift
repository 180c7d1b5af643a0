import Foundation
import Testing
@testable import Fuzzing
@testable import Interpreter

/// The generators: deterministic by seed and index, covering every builtin, mostly valid
/// programs, and file mutants that keep their containers readable.
@Suite struct GeneratorTests {
    static let root = Corpus.locateRoot()
    nonisolated(unsafe) static let programs = InputSource(kind: .program, root: root, scratch: NSTemporaryDirectory() + "nv-fuzz-tests-p")
    nonisolated(unsafe) static let files = InputSource(kind: .file, root: root, scratch: NSTemporaryDirectory() + "nv-fuzz-tests-f")

    @Test func anInputIsItsSeedAndIndex() {
        for index in [0, 1, 17, 999] {
            #expect(GeneratorTests.programs.input(seed: 7, index: index).program
                    == GeneratorTests.programs.input(seed: 7, index: index).program)
            let a = GeneratorTests.files.input(seed: 7, index: index), b = GeneratorTests.files.input(seed: 7, index: index)
            #expect(a.program == b.program)
            #expect(a.files.map(\.bytes) == b.files.map(\.bytes))
        }
        let distinct = Set((0..<50).map { GeneratorTests.programs.input(seed: 7, index: $0).program })
        #expect(distinct.count > 45)
        #expect(GeneratorTests.programs.input(seed: 7, index: 3).program != GeneratorTests.programs.input(seed: 8, index: 3).program)
    }

    @Test func theCorpusHoldsScriptsLessonsAndGoldens() {
        let corpus = Corpus(root: GeneratorTests.root)
        #expect(corpus.programs.count > 30)
        #expect(corpus.programs.contains { $0.contains("# expect") })
        #expect(Corpus.codeBlocks("text\n```nv\na = 1\n```\nmore\n```\nnot nv\n```\n") == ["a = 1"])
    }

    @Test func everyBuiltinOfTheTableIsCalled() {
        let session = Session(display: SilentDisplay(), options: SessionOptions(graphics: .none))
        let families = ProgramFamilies(builtins: session.builtins, corpus: Corpus(root: GeneratorTests.root))
        var text = ""
        for index in 0..<3_000 {
            var random = FuzzRandom(seed: 3, kind: .program, index: index)
            text += families.builtinCalls(&random) + "\n"
        }
        let missing = session.builtins.map(\.name).filter { !text.contains("\($0)(") }
        #expect(missing.isEmpty, "never called: \(missing)")
    }

    @Test func mostGrammarProgramsParse() {
        let names = Session(display: SilentDisplay(), options: SessionOptions(graphics: .none)).builtins.map(\.name)
        var parsed = 0
        var failures: [String] = []
        for index in 0..<500 {
            var generator = ProgramGenerator(random: FuzzRandom(seed: 5, kind: .program, index: index), builtinNames: names)
            let program = generator.program()
            if let issue = Parser.parse(program).issues.first {
                failures.append("\(issue.message) in: \(program)")
            } else {
                parsed += 1
            }
        }
        #expect(parsed > 400, "only \(parsed) of 500 generated programs parse; first: \(failures.prefix(3))")
    }

    @Test func everyFileFormatIsSeededAndMutated() {
        var families: [String: Int] = [:]
        for index in 0..<200 {
            let input = GeneratorTests.files.input(seed: 1, index: index)
            families[input.family, default: 0] += 1
            #expect(input.fromFileData)
            #expect(!input.files.isEmpty)
        }
        #expect(Set(families.keys) == Set(FileFamilies.names), "\(families)")
    }

    @Test func structuredMutantsKeepTheirContainers() throws {
        let seeds = FileSeeds(root: GeneratorTests.root, scratch: NSTemporaryDirectory() + "nv-fuzz-tests-seeds")
        #expect(seeds.pngs.count >= 8 && seeds.configs.count == 2 && seeds.idx != nil)
        try #require(seeds.safetensors.count == 3)
        var random = FuzzRandom(seed: 1, kind: .file, index: 0)
        var readable = 0
        for _ in 0..<100 {
            let mutant = SafetensorsMutator.mutate(seeds.safetensors[2], &random)
            var length = 0
            for i in 0..<8 { length |= Int(mutant[i]) << (8 * i) }
            if length > 0, length <= mutant.count - 8,
               (try? JSONSerialization.jsonObject(with: Data(mutant[8..<(8 + length)]))) != nil { readable += 1 }
        }
        #expect(readable > 60, "only \(readable) of 100 safetensors mutants have a readable header")
        for png in seeds.pngs { #expect(PNGMutator.chunks(png)?.map { String(decoding: $0.type, as: UTF8.self) }.first == "IHDR") }
    }

    @Test func controlCharactersAreFoundAndPlainTextIsNot() {
        for bad in ["a\u{1b}[2Jb", "\u{9b}31m", "x\u{7}", "\r", "\u{7f}"] {
            #expect(TerminalSafety.violation(in: bad) != nil, "\(bad.unicodeScalars.map(\.value))")
        }
        for good in ["plain", "tab\tand\nnewline", "é ü 😀 →", ""] { #expect(TerminalSafety.violation(in: good) == nil) }
    }

    @Test func theRunnerReportsLeaksWrongInvariantsAndEndlessLoops() {
        var runner = InputRunner()
        runner.stepBudget = 100_000
        let folder = NSTemporaryDirectory() + "nv-fuzz-tests-run"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let leak = FuzzInput(kind: .file, family: "t", program: "print(\"\\u{1b}]52;c;aGk=\\u{7}\")", fromFileData: true)
        #expect(runner.run(leak, in: folder).map(\.category) == ["escape"])
        let wrong = FuzzInput(kind: .program, family: "t", program: "1 == 2", expectation: .echoesTrue)
        #expect(runner.run(wrong, in: folder).map(\.category) == ["wrong"])
        let endless = FuzzInput(kind: .program, family: "t", program: "while true { }", expectation: .echoesTrue)
        #expect(runner.run(endless, in: folder).map(\.category) == ["hang"])
        let fine = FuzzInput(kind: .program, family: "t", program: "n = 0\nfor i in 0..<3 { n += 1 }\nn == 3",
                             expectation: .echoesTrue)
        #expect(runner.run(fine, in: folder).isEmpty)
    }
}
