import Foundation
import Runtime
import Testing
@testable import Interpreter

/// The model-family seam: a family from outside the standard list plugs in with its own folder
/// and one entry in the session's list, and the shared builtins find its verbs.
@Suite struct FamilySeamTests {
    func session(_ display: Display = RecordingDisplay()) -> Session {
        Session(display: display, options: SessionOptions(graphics: .none, seed: 1, live: true), interrupt: StopFlag(),
                families: ModelFamilies.standard + [MeanFamily.family])
    }

    /// What the REPL would echo for `source`'s value.
    func value(_ session: Session, _ source: String) throws -> String? {
        switch session.run(source, name: "test") {
        case .success(let echo): return echo
        case .failure(let error):
            Issue.record("unexpected error: \(error.message)")
            throw error
        }
    }

    func failure(_ session: Session, _ source: String) -> String {
        if case .failure(let error) = session.run(source, name: "test") { return error.message }
        Issue.record("expected an error from \(source)")
        return ""
    }

    @Test func sharedBuiltinsReachTheNewFamily() throws {
        let session = session()
        _ = try value(session, "m = mean(); train(m, quadrants(n: 40, seed: 2))")
        #expect(try value(session, "m.seen") == "40")
        #expect(try value(session, "predict(m, [0.5, 0.5]) == predict(m, [9, 9])") == "true")
        let share = try #require(Double(try value(session, "predict(m, [0.5, 0.5])") ?? ""))
        #expect(share > 0.3 && share < 0.7)
        // The other families still answer the same builtin.
        #expect(try value(session, "type(predict(xor(hidden: 2), [0, 1]))") == "\"number\"")
    }

    @Test func aVerbTheFamilyLacksSaysWhatItHas() {
        let message = failure(session(), "curves(mean())")
        #expect(message == "curves is not available for a mean model; it has: train, predict")
    }

    @Test func aFamilyVerbBindsItsOwnSignature() {
        // `epochs` is a parameter of the other families' train, not of this one's.
        #expect(failure(session(), "train(mean(), circle(n: 10), epochs: 3)")
                == "train: argument 'epochs' is for xor, mlp, cnn and attention models; train for a mean model takes data, every, fps")
        #expect(failure(session(), "train(mean(), circle(n: 10), nonsense: 3)") == "train: unknown argument 'nonsense'")
    }

    @Test func notAModelNamesEveryFamily() {
        let message = failure(session(), "predict(3, [0, 0])")
        #expect(message == "predict: argument 'model' must be a model (from xor(...), mlp(...), cnn(...), kmeans(...), knn(...), tree(...), forest(...), attention(...), mean(...) or load(...)), got 3")
    }

    @Test func theFamilyTrainsThroughTheSharedDriver() throws {
        let display = LiveRecordingDisplay()
        display.stopAfterPolls = 2
        let session = session(display)
        _ = try value(session, "m = mean(); train(m, circle(n: 400, seed: 1))")
        #expect(display.events.first == .begin)
        #expect(display.events.last == .end)
        #expect(display.frames.last == .frame(forced: true))
        #expect(display.text.contains("stopped after "))
        #expect(display.text.contains("(q); the weights are kept"))
        let seen = try #require(Int(try value(session, "m.seen") ?? ""))
        #expect(seen < 400)
    }

    @Test func withoutTheRegistryLineTheFamilyIsUnknown() {
        let plain = Session(display: RecordingDisplay(), options: SessionOptions(graphics: .none))
        if case .failure(let error) = plain.run("mean()", name: "test") {
            #expect(error.message.contains("mean"))
        } else {
            Issue.record("mean() ran without its family")
        }
    }
}
