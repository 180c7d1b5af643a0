import Testing
@testable import Interpreter

/// `Builtin.firstParameter(of:)`, which the start-up's check of the model verbs reads instead of
/// the whole parameter list, says what that list says first.
@Suite struct BuiltinSignatureTests {
    @Test func firstParameterIsTheFirstOfTheList() {
        var builtins = BuiltinRegistry.all()
        builtins += builtins.flatMap { $0.implementations.map(\.builtin) }
        for builtin in builtins {
            let first = Builtin.firstParameter(of: builtin.signature)
            let list = builtin.parameters
            #expect(first?.name == list.first?.name, "\(builtin.signature)")
            #expect(first?.kind == list.first?.kind, "\(builtin.signature)")
        }
    }

    @Test func theFormsOfAParameter() {
        #expect(Builtin.firstParameter(of: "f(model, x)")?.name == "model")
        #expect(Builtin.firstParameter(of: "f(model, x)")?.kind == .required)
        #expect(Builtin.firstParameter(of: "f( seed: 1, x)")?.name == "seed")
        #expect(Builtin.firstParameter(of: "f( seed: 1, x)")?.kind == .optional)
        #expect(Builtin.firstParameter(of: "f(n?)")?.kind == .optional)
        #expect(Builtin.firstParameter(of: "f(values...)")?.name == "values")
        #expect(Builtin.firstParameter(of: "f(values...)")?.kind == .variadic)
        #expect(Builtin.firstParameter(of: "f()") == nil)
        #expect(Builtin.parameters(of: "f( a ,b: 2 , c... )").map(\.name) == ["a", "b", "c"])
    }
}
