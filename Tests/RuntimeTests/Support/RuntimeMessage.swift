@testable import Runtime

/// The message of the `RuntimeError` that `body` throws as one comparable line: "(accepted)"
/// when it throws nothing, "(unexpected …)" for an error of another type.
func runtimeMessage<T>(_ body: () throws -> T) -> String {
    do {
        _ = try body()
        return "(accepted)"
    } catch let error as RuntimeError {
        return error.message
    } catch {
        return "(unexpected \(error))"
    }
}
