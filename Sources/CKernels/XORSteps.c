#include "CKernels.h"

// The XOR network's full-batch gradient-descent steps for hidden layers of 1 to 4 units, the
// whole run in vector registers: exactly the arithmetic of Runtime's `XORNetwork.step` (its
// general Swift path), every operation with the same operands in the same order, so losses and
// weights are the same bits. Why C: the run is one chain of dependent operations (each epoch
// needs the last one's weights) and its length is what the run costs. Swift scalarised the
// backward pass and kept the weights in memory, loading and broadcasting them back each step;
// it has no shuffle to transpose four vectors, and no per-function target to reach AVX-512's
// 32 registers. Here the unit count is a constant after inlining, each weight lives in a
// register for the whole run, and each unit's four lane sums are one transpose and three adds.
//
// Layout: the four truth-table rows are the four lanes of a vector (as in the Swift step).
// Unit j's parameters (w2[j], b1[j], w1[0, j], w1[1, j]) are the lanes of P[j], updated by one
// vector subtraction from the gradients (∂w2, ∂b1, ∂w1[0], ∂w1[1]) in the same lanes; the
// forward pass uses each parameter broadcast to all four lanes.

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#include <math.h>

// Each product and sum is rounded on its own, as in the Swift code; the only fused
// multiply-adds are the exp's, written out as in `VectorExp`.
#pragma STDC FP_CONTRACT OFF

#define XOR_INLINE __attribute__((always_inline)) static inline

/// `VectorExp.exp`: glibc's e^x for lanes in its fast range, the library's `exp` lane by lane
/// otherwise (the whole vector, as the Swift code does). `table` is Runtime's `expTable`.
XOR_INLINE __m256d xor_exp(__m256d x, const unsigned long long *table) {
    const __m256i top = _mm256_and_si256(_mm256_srli_epi64(_mm256_castpd_si256(x), 52), _mm256_set1_epi64x(0x7ff));
    // 0x3c9 ≤ top < 0x408 (top is at most 0x7ff, so signed compares are enough)
    const __m256i inRange = _mm256_and_si256(_mm256_cmpgt_epi64(top, _mm256_set1_epi64x(0x3c8)),
                                             _mm256_cmpgt_epi64(_mm256_set1_epi64x(0x408), top));
    if (__builtin_expect(_mm256_movemask_pd(_mm256_castsi256_pd(inRange)) != 0xf, 0)) {
        double lanes[4];
        _mm256_storeu_pd(lanes, x);
        return _mm256_setr_pd(exp(lanes[0]), exp(lanes[1]), exp(lanes[2]), exp(lanes[3]));
    }
    const __m256d shift = _mm256_set1_pd(0x1.8p52);
    __m256d kd = _mm256_fmadd_pd(x, _mm256_castsi256_pd(_mm256_set1_epi64x(0x40671547652b82feLL)), shift);
    const __m256i ki = _mm256_castpd_si256(kd);
    kd = _mm256_sub_pd(kd, shift);
    __m256d r = _mm256_fmadd_pd(kd, _mm256_castsi256_pd(_mm256_set1_epi64x((long long)0xbf762e42fefa0000ULL)), x);
    r = _mm256_fmadd_pd(kd, _mm256_castsi256_pd(_mm256_set1_epi64x((long long)0xbd0cf79abc9e3b3aULL)), r);
    // 2^(k/128) = scale · (1 + tail): entry 2·(k mod 128) is tail, the next the scale's bits
    // without k / 128 in the exponent field.
    const __m256i idx = _mm256_slli_epi64(_mm256_and_si256(ki, _mm256_set1_epi64x(127)), 1);
    const long long i0 = _mm256_extract_epi64(idx, 0), i1 = _mm256_extract_epi64(idx, 1);
    const long long i2 = _mm256_extract_epi64(idx, 2), i3 = _mm256_extract_epi64(idx, 3);
    const __m256d tail = _mm256_castsi256_pd(_mm256_setr_epi64x((long long)table[i0], (long long)table[i1],
                                                                (long long)table[i2], (long long)table[i3]));
    const __m256i sbits = _mm256_add_epi64(_mm256_setr_epi64x((long long)table[i0 + 1], (long long)table[i1 + 1],
                                                              (long long)table[i2 + 1], (long long)table[i3 + 1]),
                                           _mm256_slli_epi64(ki, 45));
    const __m256d r2 = _mm256_mul_pd(r, r);
    const __m256d low = _mm256_fmadd_pd(r, _mm256_castsi256_pd(_mm256_set1_epi64x(0x3fc555555555543cLL)),
                                        _mm256_castsi256_pd(_mm256_set1_epi64x(0x3fdffffffffffdbdLL)));
    const __m256d high = _mm256_fmadd_pd(r, _mm256_castsi256_pd(_mm256_set1_epi64x(0x3f81111167a4d017LL)),
                                         _mm256_castsi256_pd(_mm256_set1_epi64x(0x3fa55555cf172b91LL)));
    // tmp = tail + r + r²(C2 + r C3) + r⁴(C4 + r C5), e^x = scale + scale · tmp
    __m256d tmp = _mm256_fmadd_pd(low, r2, _mm256_add_pd(tail, r));
    tmp = _mm256_fmadd_pd(_mm256_mul_pd(r2, r2), high, tmp);
    const __m256d scale = _mm256_castsi256_pd(sbits);
    return _mm256_fmadd_pd(scale, tmp, scale);
}

/// `sigmoid4`: 1 / (1 + e^(0 − z)) (Swift's prefix minus on a vector is 0 − z).
XOR_INLINE __m256d xor_sigmoid(__m256d z, const unsigned long long *table) {
    const __m256d one = _mm256_set1_pd(1.0);
    const __m256d e = xor_exp(_mm256_sub_pd(_mm256_setzero_pd(), z), table);
    return _mm256_div_pd(one, _mm256_add_pd(one, e));
}

/// ((v0 + v1) + v2) + v3 (Swift's `SIMD4.sum()` order) in every lane.
XOR_INLINE __m256d xor_sum(__m256d v) {
    const __m256d s0 = _mm256_permute4x64_pd(v, 0x00), s1 = _mm256_permute4x64_pd(v, 0x55);
    const __m256d s2 = _mm256_permute4x64_pd(v, 0xaa), s3 = _mm256_permute4x64_pd(v, 0xff);
    return _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(s0, s1), s2), s3);
}

/// `count` steps of a network with H hidden units (a constant after inlining); see
/// `nv_xor_steps`. x0, x1, y: [4] (the truth table's columns and targets, one row a lane).
XOR_INLINE long xor_steps(const int H, long count, double scalar_scale, double *w1, double *b1, double *w2,
                          double *b2, double *losses, double *norms, const unsigned long long *table) {
    const __m256d x0 = _mm256_setr_pd(0, 0, 1, 1), x1 = _mm256_setr_pd(0, 1, 0, 1), y = _mm256_setr_pd(0, 1, 1, 0);
    const __m256d one = _mm256_set1_pd(1.0), scale = _mm256_set1_pd(scalar_scale);
    __m256d W10[4], W11[4], B1[4], W2[4], A[4];
    __m256d P[4], G[4];
    _Pragma("clang loop unroll(full)")
    for (int j = 0; j < H; j++) {
        W10[j] = _mm256_set1_pd(w1[j]);
        W11[j] = _mm256_set1_pd(w1[H + j]);
        B1[j] = _mm256_set1_pd(b1[j]);
        W2[j] = _mm256_set1_pd(w2[j]);
        P[j] = _mm256_setr_pd(w2[j], b1[j], w1[j], w1[H + j]);
        G[j] = _mm256_setzero_pd();
    }
    __m256d B2 = _mm256_set1_pd(*b2);
    long run = 0;
    while (run < count) {
        // forward: z1_j = x0 w1[j] + x1 w1[h + j] + b1_j, a1_j = σ(z1_j); z2 = b2 + Σ_j a1_j w2_j
        __m256d z2 = B2;
        _Pragma("clang loop unroll(full)")
        for (int j = 0; j < H; j++) {
            const __m256d z = _mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(x0, W10[j]), _mm256_mul_pd(x1, W11[j])), B1[j]);
            A[j] = xor_sigmoid(z, table);
        }
        _Pragma("clang loop unroll(full)")
        for (int j = 0; j < H; j++) z2 = _mm256_add_pd(z2, _mm256_mul_pd(A[j], W2[j]));
        const __m256d yHat = xor_sigmoid(z2, table);
        const __m256d err = _mm256_sub_pd(yHat, y);
        // backward: dz2 = (ŷ − y) σ'(z2); dz1_j = dz2 w2_j σ'(z1_j)
        const __m256d dz2 = _mm256_mul_pd(_mm256_mul_pd(err, yHat), _mm256_sub_pd(one, yHat));
        _Pragma("clang loop unroll(full)")
        for (int j = 0; j < H; j++) {
            const __m256d a = A[j];
            const __m256d dz1 = _mm256_mul_pd(_mm256_mul_pd(_mm256_mul_pd(dz2, W2[j]), a), _mm256_sub_pd(one, a));
            // ∂w2_j = Σ a dz2, ∂b1_j = Σ dz1, ∂w1[i, j] = Σ x_i dz1, each summed ((l0 + l1) + l2) + l3
            // as Swift's `sum()`: the four products transposed, so lane i of t_r is row r of
            // product i, and the sums are three vector adds.
            const __m256d p0 = _mm256_mul_pd(a, dz2), p2 = _mm256_mul_pd(x0, dz1), p3 = _mm256_mul_pd(x1, dz1);
            const __m256d u0 = _mm256_unpacklo_pd(p0, dz1), u1 = _mm256_unpackhi_pd(p0, dz1);
            const __m256d u2 = _mm256_unpacklo_pd(p2, p3), u3 = _mm256_unpackhi_pd(p2, p3);
            const __m256d t0 = _mm256_permute2f128_pd(u0, u2, 0x20), t1 = _mm256_permute2f128_pd(u1, u3, 0x20);
            const __m256d t2 = _mm256_permute2f128_pd(u0, u2, 0x31), t3 = _mm256_permute2f128_pd(u1, u3, 0x31);
            const __m256d g = _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(t0, t1), t2), t3);
            // Gradients of the summed loss divided by the batch size, as the original does.
            P[j] = _mm256_sub_pd(P[j], _mm256_mul_pd(scale, g));
            G[j] = g;
            W2[j] = _mm256_permute4x64_pd(P[j], 0x00);
            B1[j] = _mm256_permute4x64_pd(P[j], 0x55);
            W10[j] = _mm256_permute4x64_pd(P[j], 0xaa);
            W11[j] = _mm256_permute4x64_pd(P[j], 0xff);
        }
        B2 = _mm256_sub_pd(B2, _mm256_mul_pd(scale, xor_sum(dz2)));
        // loss = ½ Σ (ŷ − y)² / 4, off the chain
        const double loss = 0.5 * _mm256_cvtsd_f64(xor_sum(_mm256_mul_pd(err, err))) / 4.0;
        losses[run++] = loss;
        if (__builtin_expect(!isfinite(loss), 0)) break;
    }
    double w1Norm = 0, w2Norm = 0;
    _Pragma("clang loop unroll(full)")
    for (int j = 0; j < H; j++) {
        w1[j] = _mm256_cvtsd_f64(W10[j]);
        w1[H + j] = _mm256_cvtsd_f64(W11[j]);
        b1[j] = _mm256_cvtsd_f64(B1[j]);
        w2[j] = _mm256_cvtsd_f64(W2[j]);
        double g[4];
        _mm256_storeu_pd(g, G[j]);
        const double gw2 = g[0], gw10 = g[2], gw11 = g[3];
        w2Norm += gw2 * gw2;
        w1Norm += gw10 * gw10 + gw11 * gw11;
    }
    *b2 = _mm256_cvtsd_f64(B2);
    if (run > 0) {
        norms[0] = w1Norm;
        norms[1] = w2Norm;
    }
    return run;
}

/// The switch from the run-time unit count to the constant one, for one instruction set.
#define XOR_DISPATCH(hidden, ...)                                       \
    switch (hidden) {                                                   \
    case 1: return xor_steps(1, __VA_ARGS__);                           \
    case 2: return xor_steps(2, __VA_ARGS__);                           \
    case 3: return xor_steps(3, __VA_ARGS__);                           \
    case 4: return xor_steps(4, __VA_ARGS__);                           \
    default: return -1;                                                 \
    }

/// AVX-512VL: the same instructions on ymm registers, with 32 of them instead of 16, so no
/// weight is spilled to the stack (a store and a reload on the chain each step).
__attribute__((target("avx512f,avx512vl")))
static long xor_steps_avx512(long hidden, long count, double scale, double *w1, double *b1, double *w2, double *b2,
                             double *losses, double *norms, const unsigned long long *table) {
    XOR_DISPATCH(hidden, count, scale, w1, b1, w2, b2, losses, norms, table)
}

static long xor_steps_avx2(long hidden, long count, double scale, double *w1, double *b1, double *w2, double *b2,
                           double *losses, double *norms, const unsigned long long *table) {
    XOR_DISPATCH(hidden, count, scale, w1, b1, w2, b2, losses, norms, table)
}

long nv_xor_steps(nv_isa isa, long hidden, long count, double scale, double *w1, double *b1, double *w2,
                  double *b2, double *losses, double *norms, const unsigned long long *expTable) {
    if (isa == NV_ISA_AVX512)
        return xor_steps_avx512(hidden, count, scale, w1, b1, w2, b2, losses, norms, expTable);
    if (isa == NV_ISA_AVX2)
        return xor_steps_avx2(hidden, count, scale, w1, b1, w2, b2, losses, norms, expTable);
    return -1;
}

int nv_xor_steps_avx512_available(void) {
    unsigned a, b, c, d;
    if (!nv_isa_available(NV_ISA_AVX512) || !__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b >> 31) & 1;  // AVX512VL
}

#else

long nv_xor_steps(nv_isa isa, long hidden, long count, double scale, double *w1, double *b1, double *w2,
                  double *b2, double *losses, double *norms, const unsigned long long *expTable) {
    return -1;
}

int nv_xor_steps_avx512_available(void) { return 0; }

#endif
