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

    /// Adds dγ, dβ and dx (dx accumulates: a layer norm sits on a residual branch, whose
    /// gradient joins the stream's).
    static func backward(_ x: UnsafePointer<Float>, dy: UnsafePointer<Float>, n: Int, d: Int,
                         gamma: UnsafePointer<Float>, mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>,
                         gammaGradient dgamma: UnsafeMutablePointer<Float>, betaGradient dbeta: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>) {
        let scale = 1 / Float(d)
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
}
