import Foundation
import Fuzzing
import Interpreter

/// nv-fuzz: generated and mutated programs and files against nv, each in a child process so a
/// crash is recorded and the run goes on. See tools/README.md.
///
///   nv-fuzz [--programs N] [--files N] [--seed S] [--start I] [--out DIR] [--memory MB] [--hang SEC]
///   nv-fuzz --seed S --replay program:I|file:I [--out DIR]   (writes the input, runs it here)
///   nv-fuzz --seed S --print program:I                        (prints the program)
let usage = """
    usage: nv-fuzz [--programs N] [--files N] [--seed S] [--start I] [--out DIR] [--memory MB] [--hang SEC]
                   [--step-budget N] [--interrupt-after SEC] [--slow-after SEC] [--root DIR] [--quiet]
                   [--family grammar|builtins|invariants|growth|long|tokens|corpus|png|idx|safetensors|config|csv]
           nv-fuzz --seed S --replay program:I|file:I [--out DIR]
           nv-fuzz --seed S --print program:I|file:I
    """

var options = Supervisor.Options()
var worker: (kind: InputKind, from: Int, to: Int)?
var scratch = NSTemporaryDirectory() + "nv-fuzz-\(getpid())"
var replay: (kind: InputKind, index: Int, run: Bool)?
var arguments = Array(CommandLine.arguments.dropFirst())

func fail(_ message: String) -> Never {
    FileHandle.standardError.write("nv-fuzz: \(message)\n\(usage)\n".data(using: .utf8)!)
    exit(64)
}

@MainActor func value(_ flag: String) -> String {
    guard !arguments.isEmpty else { fail("\(flag) needs a value") }
    return arguments.removeFirst()
}

@MainActor func number<T: LosslessStringConvertible>(_ flag: String) -> T {
    let text = value(flag)
    guard let number = T(text) else { fail("\(flag) must be a number, got '\(text)'") }
    return number
}

@MainActor func target(_ flag: String) -> (InputKind, Int) {
    let text = value(flag)
    let parts = text.split(separator: ":")
    guard parts.count == 2, let kind = InputKind(rawValue: String(parts[0])), let index = Int(parts[1]) else {
        fail("\(flag) takes program:INDEX or file:INDEX, got '\(text)'")
    }
    return (kind, index)
}

var from = 0, to = 0, workerKind: InputKind?
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    switch flag {
    case "--programs": options.programs = number(flag)
    case "--files": options.files = number(flag)
    case "--seed": options.seed = number(flag)
    case "--start": options.start = number(flag)
    case "--out": options.output = value(flag)
    case "--memory": options.memoryLimitMB = number(flag)
    case "--hang": options.hangSeconds = number(flag)
    case "--step-budget": options.runner.stepBudget = number(flag)
    case "--interrupt-after": options.runner.interruptAfter = number(flag)
    case "--slow-after": options.runner.slowAfter = number(flag)
    case "--root": options.root = value(flag)
    case "--quiet": options.quiet = true
    case "--family":
        let family = value(flag)
        guard (ProgramFamilies.names + FileFamilies.names).contains(family) else {
            fail("--family takes one of \((ProgramFamilies.names + FileFamilies.names).joined(separator: ", ")), got '\(family)'")
        }
        options.family = family
    case "--replay": let (kind, index) = target(flag); replay = (kind, index, true)
    case "--print": let (kind, index) = target(flag); replay = (kind, index, false)
    // Worker mode, started by the supervisor.
    case "--worker":
        guard let kind = InputKind(rawValue: value(flag)) else { fail("--worker takes program or file") }
        workerKind = kind
    case "--from": from = number(flag)
    case "--to": to = number(flag)
    case "--scratch": scratch = value(flag)
    case "-h", "--help": print(usage); exit(0)
    default: fail("unknown option '\(flag)'")
    }
}

if let workerKind {
    var child = Worker(kind: workerKind, seed: options.seed, range: from..<to, root: options.root, scratch: scratch,
                       memoryLimitMB: options.memoryLimitMB)
    child.runner = options.runner
    child.family = options.family
    child.run()
}

if let replay {
    let source = InputSource(kind: replay.kind, root: options.root, scratch: scratch, family: options.family)
    let input = source.input(seed: options.seed, index: replay.index)
    try? FileManager.default.removeItem(atPath: scratch)
    guard replay.run else { print(input.program); exit(0) }
    let folder = options.output + "/replay-\(replay.kind.rawValue)-\(replay.index)"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    print("nv-fuzz: \(replay.kind.rawValue) \(replay.index) (\(input.family)), files in \(folder):\n\(input.program)\n---")
    _ = FileManager.default.changeCurrentDirectoryPath(folder)
    let problems = options.runner.run(input, in: FileManager.default.currentDirectoryPath)
    for problem in problems { print("\(problem.category): \(problem.detail)") }
    print(problems.isEmpty ? "nv-fuzz: no problem found in-process" : "nv-fuzz: \(problems.count) problems")
    exit(problems.isEmpty ? 0 : 1)
}

let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
let findings = Supervisor(options: options, executable: executable).run()
exit(findings.isEmpty ? 0 : 1)
