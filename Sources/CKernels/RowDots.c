#include "CKernels.h"

// The CNN's NT products (a convolution's weight gradient, a dense layer's training forward)
// as dot products of contiguous rows, in the summation order Runtime's `GEMM.dotRows` has
// always used, so trained weights stay bit for bit what they were: eight lane sums along K
// (lane l takes p ≡ l mod 8, one fused multiply-add chain from 0 in increasing p), those eight
// added in order l0 + l1 + … + l7, then the last K mod 8 terms one by one, each product
// rounded before it is added, then added to C when accumulating.
//
// AVX-512 runs two of those 8-lane chains in one register: two A rows side by side in the low
// and high halves, each B row's 8 values broadcast to both halves, so one 16-lane multiply-add
// does the work of two 8-lane ones. Nothing else changes: each lane's chain is the same.

#if defined(__x86_64__)
#include <immintrin.h>

// No multiply-add contraction here: the tail's `t + x * y` must round the product first.
#pragma STDC FP_CONTRACT OFF

/// r0[0..<8] in the low half, r1[0..<8] in the high half.
__attribute__((target("avx512f"), always_inline))
static inline __m512 load_pair(const float *r0, const float *r1) {
    __m512d low = _mm512_castps_pd(_mm512_castps256_ps512(_mm256_loadu_ps(r0)));
    return _mm512_castpd_ps(_mm512_insertf64x4(low, _mm256_castps_pd(_mm256_loadu_ps(r1)), 1));
}

/// r[0..<8] in both halves.
__attribute__((target("avx512f"), always_inline))
static inline __m512 load_both(const float *r) {
    return _mm512_castpd_ps(_mm512_broadcast_f64x4(_mm256_castps_pd(_mm256_loadu_ps(r))));
}

/// ((l[0] + l[1]) + l[2]) + … + l[7]: Swift's `SIMD8.sum()` order.
static inline float lane_sum(const float *l) {
    float t = l[0];
    for (int q = 1; q < 8; q++) t = t + l[q];
    return t;
}

/// C[0..<rows, 0..<cols] (+)= A rows · B rows, rows ≤ 4, cols ≤ 4 (constants after inlining).
/// A missing fourth (or second) row repeats the last one; its sums are dropped.
__attribute__((target("avx512f"), always_inline))
static inline void tile(int rows, int cols, long k, const float *a, long lda, const float *b, long ldb,
                        float *c, long ldc, int accumulate) {
    const int pairs = (rows + 1) / 2;
    const float *ar[4];
    for (int r = 0; r < 4; r++) ar[r] = a + (r < rows ? r : rows - 1) * lda;
    __m512 acc[2][4];
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 4; j++) acc[i][j] = _mm512_setzero_ps();
    const long vectorEnd = k & ~7L;
    for (long p = 0; p < vectorEnd; p += 8) {
        __m512 av[2];
        for (int i = 0; i < pairs; i++) av[i] = load_pair(ar[2 * i] + p, ar[2 * i + 1] + p);
        for (int j = 0; j < cols; j++) {
            __m512 bv = load_both(b + j * ldb + p);
            for (int i = 0; i < pairs; i++) acc[i][j] = _mm512_fmadd_ps(av[i], bv, acc[i][j]);
        }
    }
    float lanes[16];
    for (int i = 0; i < pairs; i++)
        for (int j = 0; j < cols; j++) {
            _mm512_storeu_ps(lanes, acc[i][j]);
            for (int h = 0; h < 2 && 2 * i + h < rows; h++) {
                const float *x = ar[2 * i + h], *y = b + j * ldb;
                float t = lane_sum(lanes + 8 * h);
                for (long p = vectorEnd; p < k; p++) t = t + x[p] * y[p];
                float *out = c + (2 * i + h) * ldc + j;
                *out = accumulate ? *out + t : t;
            }
        }
}

/// `rows` (≤ 4) rows of C: four B rows at a time, then one.
__attribute__((target("avx512f"), always_inline))
static inline void row_block(int rows, long n, long k, const float *a, long lda, const float *b, long ldb,
                             float *c, long ldc, int accumulate) {
    long j = 0;
    for (; j + 4 <= n; j += 4) tile(rows, 4, k, a, lda, b + j * ldb, ldb, c + j, ldc, accumulate);
    for (; j < n; j++) tile(rows, 1, k, a, lda, b + j * ldb, ldb, c + j, ldc, accumulate);
}

__attribute__((target("avx512f")))
void nv_row_dots_avx512(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                        float *c, long ldc, int accumulate) {
    long i = 0;
    for (; i + 4 <= m; i += 4) row_block(4, n, k, a + i * lda, lda, b, ldb, c + i * ldc, ldc, accumulate);
    const float *ai = a + i * lda;
    float *ci = c + i * ldc;
    switch (m - i) {
    case 3: row_block(3, n, k, ai, lda, b, ldb, ci, ldc, accumulate); break;
    case 2: row_block(2, n, k, ai, lda, b, ldb, ci, ldc, accumulate); break;
    case 1: row_block(1, n, k, ai, lda, b, ldb, ci, ldc, accumulate); break;
    default: break;
    }
}
#endif
