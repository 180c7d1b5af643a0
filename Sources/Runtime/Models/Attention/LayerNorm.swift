/// Layer normalisation over the last axis, as `nn.LayerNorm(dim)` (biased variance, ε = 1e-5).
///
/// Forward, per row: μ = mean(x), σ² = mean((x − μ)²), r = 1/√(σ² + ε), x̂ = (x − μ)·r,
/// y = γ ⊙ x̂ + β. The row's μ and r are kept for backward.
/// Backward, per row: with g = γ ⊙ dy,
/// dx = r · (g − mean(g) − x̂ · mean(g ⊙ x̂)),  dγ += Σ_rows dy ⊙ x̂,  dβ += Σ_rows dy.
enum LayerNorm {
    static let epsilon: Float = 1e-5

    /// x `[n, d]` → y `[n, d]`; mean and rstd `[n]`.
    static func forward(_ x: UnsafePointer<Float>, n: Int, d: Int,
                        gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>,
                        into y: UnsafeMutablePointer<Float>,
                        mean: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>) {
        let scale = 1 / Float(d)
        if d % 8 == 0 {
            forward8(x, n: n, d: d, gamma: gamma, beta: beta, into: y, mean: mean, rstd: rstd)
            return
        }
        for r in 0..<n {
            let xr = x + r * d, yr = y + r * d
            var s: Float = 0
            for k in 0..<d { s += xr[k] }
            let mu = s * scale
            var v: Float = 0
            for k in 0..<d { let c = xr[k] - mu; v += c * c }
            let inv = 1 / (v * scale + epsilon).squareRoot()
            mean[r] = mu
            rstd[r] = inv
            for k in 0..<d { yr[k] = (xr[k] - mu) * inv * gamma[k] + beta[k] }
        }
    }

    /// `forward` for d a multiple of 8: the row sums in eight lanes, added at the end (one chain
    /// of 32 additions would wait on itself at every step).
    private static func forward8(_ x: UnsafePointer<Float>, n: Int, d: Int,
                                 gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>,
                                 into y: UnsafeMutablePointer<Float>,
                                 mean: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>) {
        let scale = 1 / Float(d)
        for r in 0..<n {
            let xr = x + r * d, yr = y + r * d
            var s = V8()
            for k in Swift.stride(from: 0, to: d, by: 8) { s += load(xr + k) }
            let mu = s.sum() * scale
            var v = V8()
            for k in Swift.stride(from: 0, to: d, by: 8) { let c = load(xr + k) - mu; v.addProduct(c, c) }
            let inv = 1 / (v.sum() * scale + epsilon).squareRoot()
            mean[r] = mu
            rstd[r] = inv
            for k in Swift.stride(from: 0, to: d, by: 8) {
                store((load(xr + k) - mu) * inv * load(gamma + k) + load(beta + k), yr + k)
            }
        }
    }

    /// Adds dγ, dβ and dx (dx accumulates: a layer norm sits on a residual branch, whose
    /// gradient joins the stream's).
    static func backward(_ x: UnsafePointer<Float>, dy: UnsafePointer<Float>, n: Int, d: Int,
                         gamma: UnsafePointer<Float>, mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>,
                         gammaGradient dgamma: UnsafeMutablePointer<Float>, betaGradient dbeta: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>) {
        let scale = 1 / Float(d)
        if d % 8 == 0 {
            backward8(x, dy: dy, n: n, d: d, gamma: gamma, mean: mean, rstd: rstd,
                      gammaGradient: dgamma, betaGradient: dbeta, dx: dx)
            return
        }
        for r in 0..<n {
            let xr = x + r * d, dyr = dy + r * d, dxr = dx + r * d
            let (mu, inv) = (mean[r], rstd[r])
            var sumG: Float = 0, sumGX: Float = 0
            for k in 0..<d {
                let xhat = (xr[k] - mu) * inv
                let g = gamma[k] * dyr[k]
                sumG += g
                sumGX += g * xhat
                dgamma[k] += dyr[k] * xhat
                dbeta[k] += dyr[k]
            }
            let (meanG, meanGX) = (sumG * scale, sumGX * scale)
            for k in 0..<d {
                let xhat = (xr[k] - mu) * inv
                dxr[k] += inv * (gamma[k] * dyr[k] - meanG - xhat * meanGX)
            }
        }
    }

    /// `backward` for d a multiple of 8, the row sums in eight lanes as in `forward8`.
    private static func backward8(_ x: UnsafePointer<Float>, dy: UnsafePointer<Float>, n: Int, d: Int,
                                  gamma: UnsafePointer<Float>, mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>,
                                  gammaGradient dgamma: UnsafeMutablePointer<Float>, betaGradient dbeta: UnsafeMutablePointer<Float>,
                                  dx: UnsafeMutablePointer<Float>) {
        let scale = 1 / Float(d)
        for r in 0..<n {
            let xr = x + r * d, dyr = dy + r * d, dxr = dx + r * d
            let (mu, inv) = (mean[r], rstd[r])
            var sumG = V8(), sumGX = V8()
            for k in Swift.stride(from: 0, to: d, by: 8) {
                let xhat = (load(xr + k) - mu) * inv, dyk = load(dyr + k)
                let g = load(gamma + k) * dyk
                sumG += g
                sumGX.addProduct(g, xhat)
                var dg = load(dgamma + k)
                dg.addProduct(dyk, xhat)
                store(dg, dgamma + k)
                store(load(dbeta + k) + dyk, dbeta + k)
            }
            let (meanG, meanGX) = (sumG.sum() * scale, sumGX.sum() * scale)
            for k in Swift.stride(from: 0, to: d, by: 8) {
                let xhat = (load(xr + k) - mu) * inv
                store(load(dxr + k) + inv * (load(gamma + k) * load(dyr + k) - meanG - xhat * meanGX), dxr + k)
            }
        }
    }

    typealias V8 = SIMD8<Float>

    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>) -> V8 { UnsafeRawPointer(p).loadUnaligned(as: V8.self) }

    @inline(__always)
    private static func load(_ p: UnsafeMutablePointer<Float>) -> V8 { UnsafeRawPointer(p).loadUnaligned(as: V8.self) }

    @inline(__always)
    private static func store(_ v: V8, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V8.self) }
}
