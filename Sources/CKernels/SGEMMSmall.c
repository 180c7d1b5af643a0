#include "CKernels.h"

// The NN product of small matrices with AVX-512, unpacked: Runtime's `GEMM.multiplyColumns`
// (8-lane Swift) on 16 lanes, 8 rows × 32 columns of C in 16 registers while it streams over
// K. Each element of C is the one chain every GEMM path computes — fused multiply-adds from 0
// in increasing p, then added to the old C when accumulating — so the bits are the same as
// the Swift kernel's and the packed one's. Columns past a multiple of 16 go through masked
// loads and stores, which touch nothing outside the matrices.

#if defined(__x86_64__)
#include <immintrin.h>

/// C[0..<rows, columns of `vectors` 16-lane groups] (+)= A[0..<rows, 0..<k] · B; the last group
/// keeps the lanes of `last`. rows ≤ 8, vectors ≤ 2 (constants after inlining).
__attribute__((target("avx512f"), always_inline))
static inline void tile(int rows, int vectors, __mmask16 last, long k, const float *a, long lda,
                        const float *b, long ldb, float *c, long ldc, int accumulate) {
    __m512 acc[8][2];
    for (int r = 0; r < 8; r++)
        for (int v = 0; v < 2; v++) acc[r][v] = _mm512_setzero_ps();
    for (long p = 0; p < k; p++) {
        const float *row = b + p * ldb;
        __m512 bv[2];
        for (int v = 0; v < vectors; v++)
            bv[v] = v == vectors - 1 ? _mm512_maskz_loadu_ps(last, row + 16 * v) : _mm512_loadu_ps(row + 16 * v);
        for (int r = 0; r < rows; r++) {
            __m512 ar = _mm512_set1_ps(a[r * lda + p]);
            for (int v = 0; v < vectors; v++) acc[r][v] = _mm512_fmadd_ps(ar, bv[v], acc[r][v]);
        }
    }
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < vectors; v++) {
            __mmask16 mask = v == vectors - 1 ? last : (__mmask16)0xFFFF;
            float *out = c + r * ldc + 16 * v;
            __m512 sum = accumulate ? _mm512_add_ps(_mm512_maskz_loadu_ps(mask, out), acc[r][v]) : acc[r][v];
            _mm512_mask_storeu_ps(out, mask, sum);
        }
}

/// Every row of C for one panel of columns: 8 rows at a time, then the rest.
__attribute__((target("avx512f"), always_inline))
static inline void panel(int vectors, __mmask16 last, long m, long k, const float *a, long lda,
                         const float *b, long ldb, float *c, long ldc, int accumulate) {
    long i = 0;
    for (; i + 8 <= m; i += 8) tile(8, vectors, last, k, a + i * lda, lda, b, ldb, c + i * ldc, ldc, accumulate);
    const float *ai = a + i * lda;
    float *ci = c + i * ldc;
    switch (m - i) {
    case 7: tile(7, vectors, last, k, ai, lda, b, ldb, ci, ldc, accumulate); break;
    case 6: tile(6, vectors, last, k, ai, lda, b, ldb, ci, ldc, accumulate); break;
    case 5: tile(5, vectors, last, k, ai, lda, b, ldb, ci, ldc, accumulate); break;
    case 4: tile(4, vectors, last, k, ai, lda, b, ldb, ci, ldc, accumulate); break;
    case 3: tile(3, vectors, last, k, ai, lda, b, ldb, ci, ldc, accumulate); break;
    case 2: tile(2, vectors, last, k, ai, lda, b, ldb, ci, ldc, accumulate); break;
    case 1: tile(1, vectors, last, k, ai, lda, b, ldb, ci, ldc, accumulate); break;
    default: break;
    }
}

__attribute__((target("avx512f")))
void nv_sgemm_small_avx512(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                           float *c, long ldc, int accumulate) {
    long j = 0;
    for (; j + 32 <= n; j += 32) panel(2, 0xFFFF, m, k, a, lda, b + j, ldb, c + j, ldc, accumulate);
    long rest = n - j;
    if (rest > 16) panel(2, (__mmask16)((1u << (rest - 16)) - 1), m, k, a, lda, b + j, ldb, c + j, ldc, accumulate);
    else if (rest > 0) panel(1, (__mmask16)(rest == 16 ? 0xFFFF : (1u << rest) - 1), m, k, a, lda, b + j, ldb, c + j, ldc, accumulate);
}
#endif
