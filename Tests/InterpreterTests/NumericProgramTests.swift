import Runtime
import Testing
@testable import Interpreter

/// A `NumericProgram` must give exactly the number its leaf gives whenever it gives one (and
/// nil otherwise, when the leaf then runs for its value or error). Checked on random
/// arithmetic over locals, globals, lists and lists of lists holding awkward values: zero,
/// -0, fractions, huge and non-finite numbers, strings, rows that are not lists, undefined
/// variables.
@Suite struct NumericProgramTests {
    private static let numbers: [Double] = [0, -0.0, 1, 2, 3, 7, 2.5, -3, -0.5, 1e16, 9_007_199_254_740_993,
                                            .infinity, -.infinity, .nan, 4_294_967_296, 123_456.75]

    private struct Case {
        var generator: SeededGenerator

        mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &generator)] }
        mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &generator) < p }

        mutating func value() -> Value {
            chance(0.02) ? .string("s") : .number(pick(NumericProgramTests.numbers))
        }

        mutating func list(_ count: Int) -> Value {
            .list(ListValue((0..<count).map { _ in chance(0.9) ? .number(Double(pick([0, 1, 2, 3, 5, 8, -1, 0.5]))) : value() }))
        }

        mutating func index() -> String {
            pick(["0", "1", "2", "3", "p", "q", "a", "b", "p % 3", "a % 4", "q - 1", "p + 1", "2.5", "9"])
        }

        /// An arithmetic expression of at most `depth` operators.
        mutating func expression(_ depth: Int) -> String {
            if depth == 0 || chance(0.25) {
                switch Int.random(in: 0..<(depth > 0 ? 10 : 8), using: &generator) {
                case 0: return pick(["p", "q"])
                case 1: return chance(0.1) ? "undefinedName" : pick(["a", "b"])
                case 2: return pick(["0", "1", "2", "7", "0.5", "10", "3"])
                case 3: return pick(["p - 1", "q + 2", "p - 0.5"])
                case 4: return pick(["a % 7", "p % 3", "b % 0.5", "q % 10", "a % 4294967297"])
                case 5: return "xs[\(index())]"
                case 6: return "ls[\(index())]"
                case 7: return "ys[\(index())][\(index())]"
                default: return "xs[\(expression(depth - 1))]"
                }
            }
            let op = pick(["+", "-", "*", "/", "%"])
            return "\(expression(depth - 1)) \(op) \(expression(depth - 1))"
        }
    }

    @Test func givesTheLeafsNumberWheneverItGivesOne() throws {
        var hits = 0, misses = 0
        for seed in 0..<4000 as Range<UInt64> {
            var random = Case(generator: SeededGenerator(seed: seed))
            let text = random.expression(Int.random(in: 1...3, using: &random.generator))
            let (program, issues) = Parser.parse(text)
            #expect(issues.isEmpty, "\(text)")
            guard let expr = program.first else { continue }

            let globals = Globals()
            if random.chance(0.95) { globals.cell("a").value = random.value() }
            globals.cell("b").value = random.value()
            globals.cell("xs").value = random.chance(0.95) ? random.list(10) : .number(1)
            let rows = (0..<3).map { _ in random.chance(0.9) ? random.list(4) : random.value() }
            globals.cell("ys").value = .list(ListValue(rows))

            let compiler = Compiler(globals: globals, machine: Machine(interrupt: StopFlag()),
                                    source: SourceText(name: "t", text: text), program: [])
            let scope = FunctionScope(parent: nil)
            let slots = ["p", "q", "ls"].map { scope.declare($0) }
            compiler.scope = scope
            let frame = Frame.make(parent: nil, count: scope.count)
            frame.slots[slots[0]] = random.value()
            frame.slots[slots[1]] = random.value()
            frame.slots[slots[2]] = random.list(6)

            guard case .numeric(let site) = compiler.leaf(expr) else { continue }
            guard let fast = site.program.evaluate(frame) else {
                misses += 1
                continue
            }
            hits += 1
            let slow: Value
            do throws(Unwind) { slow = try site.leaf.run(frame) } catch {
                Issue.record("\(text): the program gave \(fast), the leaf an error")
                continue
            }
            guard case .number(let x) = slow else {
                Issue.record("\(text): the program gave \(fast), the leaf a \(slow.typeName)")
                continue
            }
            #expect(x.bitPattern == fast.bitPattern || (x.isNaN && fast.isNaN), "\(text): \(fast) against \(x)")
        }
        // Both ways are exercised: the program's numbers and its giving up.
        #expect(hits > 700)
        #expect(misses > 1000)
    }
}
