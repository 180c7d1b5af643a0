import CKernels

/// How `XORNetwork` runs its training steps. Every path gives the same bits; they differ only
/// in speed.
enum XORStepPath: Sendable, Equatable {
    /// The Swift step (`XORNetwork.step(hidden:…)`), for any hidden size.
    case general
    /// CKernels' `nv_xor_steps` for 1…`XORNetwork.kernelMaximumHidden` hidden units, AVX2 + FMA.
    case avx2
    /// The same kernel built for AVX-512VL (the same instructions, with 32 vector registers).
    case avx512

    /// The fastest path this process may use: the kernel where the Swift step's exp is glibc's
    /// (`VectorExp.fastPathAvailable`: the kernel computes that exp, so elsewhere the two paths
    /// would differ), with the instruction set `GEMM.isa` chose (`NV_GEMM_ISA=avx2` forces the
    /// AVX2 build, `scalar` the Swift step).
    static let best: XORStepPath = {
        guard VectorExp.fastPathAvailable else { return .general }
        switch GEMM.isa {
        case .avx512: return nv_xor_steps_avx512_available() != 0 ? .avx512 : .avx2
        case .avx2: return .avx2
        case .scalar, .neon: return .general
        }
    }()

    /// The paths this CPU can run, the general one first.
    static var available: [XORStepPath] {
        guard VectorExp.fastPathAvailable, GEMM.ISA.avx2.isAvailable else { return [.general] }
        return nv_xor_steps_avx512_available() != 0 ? [.general, .avx2, .avx512] : [.general, .avx2]
    }

    var isa: nv_isa? {
        switch self {
        case .general: nil
        case .avx2: NV_ISA_AVX2
        case .avx512: NV_ISA_AVX512
        }
    }
}

extension XORNetwork {
    /// The largest hidden layer the kernel path trains; larger ones take the general path.
    static let kernelMaximumHidden = 4
    /// Steps the kernel runs between two looks at the stop flag (about 12 µs at 3 units).
    static let stopCheckInterval = 256

    /// `runSteps` on the kernel: the same steps, weights, losses (appended to `history`), gradient
    /// norms and stopping rules, except that the stop flag is looked at every `stopCheckInterval`
    /// steps instead of every step. The caller advances `epoch`.
    mutating func runKernelSteps(_ count: Int, stop: StopFlag?, isa: nv_isa,
                                 history: inout [Double]) -> (run: Int, stopped: Bool, diverged: Bool) {
        let h = hidden, scale = learningRate / Double(Self.batch)
        let start = history.count
        history.append(contentsOf: repeatElement(0, count: count))
        var b2 = self.b2
        var squares = SIMD2<Double>.zero     // squared norms of the last step's ∂w1, ∂w2
        var run = 0, stopped = false, diverged = false
        let chunk = stop == nil ? count : Self.stopCheckInterval
        w1.withUnsafeMutableBufferPointer { w1 in            // w1: [2, h]
        b1.withUnsafeMutableBufferPointer { b1 in            // b1: [h]
        w2.withUnsafeMutableBufferPointer { w2 in            // w2: [h]
        history.withUnsafeMutableBufferPointer { history in  // history: [start + count]
        expTable.withUnsafeBufferPointer { table in
        withUnsafeMutableBytes(of: &squares) { squares in
            let norms = squares.baseAddress!.assumingMemoryBound(to: Double.self)
            while run < count {
                if let stop, stop.isRaised { stopped = true; break }
                let steps = min(chunk, count - run)
                let done = nv_xor_steps(isa, h, steps, scale, w1.baseAddress!, b1.baseAddress!, w2.baseAddress!, &b2,
                                        history.baseAddress! + start + run, norms, table.baseAddress!)
                precondition(done >= 1, "nv_xor_steps cannot train \(h) hidden units")
                run += done
                if done < steps { diverged = true; break }   // it stops only after a loss that is not finite
            }
        }}}}}}
        history.removeLast(count - run)
        self.b2 = b2
        if run > 0 {
            let m = Double(Self.batch)
            scratch.norms = XORGradientNorms(w1: squares[0].squareRoot() / m, w2: squares[1].squareRoot() / m)
        }
        return (run, stopped, diverged)
    }
}
