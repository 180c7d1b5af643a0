#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs work on a thread with a large stack, so deep (but legal) recursion in nv programs
/// and in the parser fits, and the evaluator can stop with "recursion too deep" well before
/// the end of the stack instead of crashing.
enum LargeStack {
    /// Size of the evaluation thread's stack. Only touched pages take memory.
    static let size = 512 << 20
    /// Room kept free below the limit for builtins and error handling.
    static let reserve = 4 << 20

    private final class Job {
        let body: (UInt) -> Void
        init(_ body: @escaping (UInt) -> Void) { self.body = body }
    }

    /// Runs `body` on a fresh thread with a `size` stack and waits for it. `body` receives
    /// the lowest stack address it may safely use (see `Machine.stackFloor`). Falls back to
    /// the current thread (with a conservative floor) if no thread can be created.
    static func run<T>(_ body: (UInt) -> T) -> T {
        withoutActuallyEscaping(body) { body in
            var result: T?
            let job = Job { floor in result = body(floor) }
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, size)
            let context = Unmanaged.passRetained(job).toOpaque()
            #if canImport(Glibc)
            var thread = pthread_t()
            #else
            var thread: pthread_t?
            #endif
            let status = pthread_create(&thread, &attributes, { context in
                let job = Unmanaged<Job>.fromOpaque(context!).takeRetainedValue()
                let top = currentStackAddress()
                job.body(top - UInt(LargeStack.size) + UInt(LargeStack.reserve))
                return nil
            }, context)
            if status != 0 {
                Unmanaged<Job>.fromOpaque(context).release()
                let top = currentStackAddress()
                job.body(top - (1 << 20))
                return result!
            }
            #if canImport(Glibc)
            pthread_join(thread, nil)
            #else
            pthread_join(thread!, nil)
            #endif
            return result!
        }
    }
}
