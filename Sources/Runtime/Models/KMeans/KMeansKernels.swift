/// Double-precision vector helpers of k-means: the exact ranking of points near a tie, the
/// k-means++ distances and the relocation of empty clusters. The hot assignment pass is
/// `KMeansFloatKernel`.
enum KMeansKernels {
    /// ⟨a, b⟩ over `count` doubles, four lanes then the tail.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var s = SIMD4<Double>()
        var p = 0
        while p + 4 <= count {
            s.addProduct(load(a + p), load(b + p))
            p += 4
        }
        var t = s.sum()
        while p < count { t += a[p] * b[p]; p += 1 }
        return t
    }

    /// ‖a − b‖² over `count` doubles.
    @inline(__always)
    static func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var s = SIMD4<Double>()
        var p = 0
        while p + 4 <= count {
            let e = load(a + p) - load(b + p)
            s.addProduct(e, e)
            p += 4
        }
        var t = s.sum()
        while p < count {
            let e = a[p] - b[p]
            t += e * e
            p += 1
        }
        return t
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }
}
