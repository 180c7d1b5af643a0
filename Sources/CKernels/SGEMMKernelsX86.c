#if defined(__x86_64__)
#include "SGEMMKernels.h"
#include <immintrin.h>

// The x86-64 micro-kernels. The module is compiled for Haswell (AVX2 + FMA, what `nv` requires
// of the CPU); the AVX-512 kernel alone carries a target attribute and runs only after
// `nv_isa_available(NV_ISA_AVX512)` said yes. Each C lane is one fused multiply-add chain from
// 0 (or from C in a later K block) in increasing p; the tile shape only decides how many lanes
// run at once.

/// 6 rows × 16 columns: 12 ymm accumulators + 2 B vectors + 1 broadcast of the 16 registers.
static void kernel_avx2(long kc, const float *a, const float *b, float *c, long ldc, int mode) {
    enum { MR = 6, NV = 2 };
    __m256 acc[MR][NV];
    _Pragma("unroll")
    for (int r = 0; r < MR; r++)
        _Pragma("unroll")
        for (int v = 0; v < NV; v++)
            acc[r][v] = mode == NV_MODE_CONTINUE ? _mm256_loadu_ps(c + r * ldc + 8 * v) : _mm256_setzero_ps();
    for (long p = 0; p < kc; p++, a += MR, b += 8 * NV) {
        __m256 bv[NV];
        _Pragma("unroll")
        for (int v = 0; v < NV; v++) bv[v] = _mm256_load_ps(b + 8 * v);
        _Pragma("unroll")
        for (int r = 0; r < MR; r++) {
            __m256 ar = _mm256_broadcast_ss(a + r);
            _Pragma("unroll")
            for (int v = 0; v < NV; v++) acc[r][v] = _mm256_fmadd_ps(ar, bv[v], acc[r][v]);
        }
    }
    _Pragma("unroll")
    for (int r = 0; r < MR; r++)
        _Pragma("unroll")
        for (int v = 0; v < NV; v++) {
            float *out = c + r * ldc + 8 * v;
            _mm256_storeu_ps(out, mode == NV_MODE_ADD ? _mm256_add_ps(_mm256_loadu_ps(out), acc[r][v]) : acc[r][v]);
        }
}

#ifndef NV_AVX512_MR
#define NV_AVX512_MR 12
#define NV_AVX512_NV 2
#endif

/// NV_AVX512_MR rows × 16·NV_AVX512_NV columns: with 12 × 32, 24 zmm accumulators, 2 B vectors
/// and broadcasts folded into the multiply-adds' memory operand, of the 32 registers.
__attribute__((target("avx512f")))
static void kernel_avx512(long kc, const float *a, const float *b, float *c, long ldc, int mode) {
    enum { MR = NV_AVX512_MR, NV = NV_AVX512_NV };
    __m512 acc[MR][NV];
    _Pragma("unroll")
    for (int r = 0; r < MR; r++)
        _Pragma("unroll")
        for (int v = 0; v < NV; v++)
            acc[r][v] = mode == NV_MODE_CONTINUE ? _mm512_loadu_ps(c + r * ldc + 16 * v) : _mm512_setzero_ps();
    for (long p = 0; p < kc; p++, a += MR, b += 16 * NV) {
        __m512 bv[NV];
        _Pragma("unroll")
        for (int v = 0; v < NV; v++) bv[v] = _mm512_load_ps(b + 16 * v);
        _Pragma("unroll")
        for (int r = 0; r < MR; r++) {
            __m512 ar = _mm512_set1_ps(a[r]);
            _Pragma("unroll")
            for (int v = 0; v < NV; v++) acc[r][v] = _mm512_fmadd_ps(ar, bv[v], acc[r][v]);
        }
    }
    _Pragma("unroll")
    for (int r = 0; r < MR; r++)
        _Pragma("unroll")
        for (int v = 0; v < NV; v++) {
            float *out = c + r * ldc + 16 * v;
            _mm512_storeu_ps(out, mode == NV_MODE_ADD ? _mm512_add_ps(_mm512_loadu_ps(out), acc[r][v]) : acc[r][v]);
        }
}

#ifndef NV_AVX512_MC
#define NV_AVX512_MC 144
#define NV_AVX512_KC 256
#define NV_AVX512_NC 1024
#endif
#ifndef NV_AVX2_MC
#define NV_AVX2_MC 96
#define NV_AVX2_KC 256
#define NV_AVX2_NC 1024
#endif

const nv_gemm_shape nv_shape_avx2 = {6, 16, NV_AVX2_MC, NV_AVX2_KC, NV_AVX2_NC, kernel_avx2};
const nv_gemm_shape nv_shape_avx512 = {NV_AVX512_MR, 16 * NV_AVX512_NV, NV_AVX512_MC, NV_AVX512_KC, NV_AVX512_NC, kernel_avx512};
#endif
