#include "CKernels.h"
#include "SGEMMKernels.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

// The GotoBLAS/BLIS scheme: C is computed in blocks of nc columns; for each block of kc steps
// of depth, the B block [kc, nc] is packed into nr-wide panels (row p of a panel is nr
// contiguous floats), then for each block of mc rows of A, those rows are packed into mr-tall
// panels, and the micro-kernel runs once per (mr × nr) tile with the packed A panel in L1 and
// the packed B block in L2. Packing zero-pads the edges, so the kernel always computes whole
// tiles; an edge tile goes through a small buffer and only its valid part reaches C.

static const nv_gemm_shape *shape_for(nv_isa isa) {
    switch (isa) {
#if defined(__x86_64__)
    case NV_ISA_AVX512: return &nv_shape_avx512;
    case NV_ISA_AVX2: return &nv_shape_avx2;
#endif
#if defined(__aarch64__)
    case NV_ISA_NEON: return &nv_shape_neon;
#endif
    default: return &nv_shape_scalar;
    }
}

#if defined(__x86_64__)
static uint64_t xgetbv0(void) {
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}
#endif

int nv_isa_available(nv_isa isa) {
    switch (isa) {
    case NV_ISA_SCALAR: return 1;
#if defined(__x86_64__)
    case NV_ISA_AVX2: {
        unsigned a, b, c, d;
        if (!__get_cpuid_count(1, 0, &a, &b, &c, &d)) return 0;
        int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
        if (!(fma && osxsave && avx) || (xgetbv0() & 0x6) != 0x6) return 0;
        if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
        return (b >> 5) & 1;
    }
    case NV_ISA_AVX512: {
        unsigned a, b, c, d;
        if (!nv_isa_available(NV_ISA_AVX2)) return 0;
        if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !((b >> 16) & 1)) return 0;
        // XCR0: SSE, AVX, opmask, ZMM0-15 upper halves and ZMM16-31 saved by the OS.
        return (xgetbv0() & 0xe6) == 0xe6;
    }
#endif
#if defined(__aarch64__)
    case NV_ISA_NEON: return 1;
#endif
    default: return 0;
    }
}

nv_isa nv_best_isa(void) {
    if (nv_isa_available(NV_ISA_AVX512)) return NV_ISA_AVX512;
    if (nv_isa_available(NV_ISA_AVX2)) return NV_ISA_AVX2;
    if (nv_isa_available(NV_ISA_NEON)) return NV_ISA_NEON;
    return NV_ISA_SCALAR;
}

/// A per-thread packing buffer of at least `count` floats, 64-byte aligned, kept between calls
/// (each thread that multiplies keeps two: one for A, one for B).
static float *scratch(float **buffer, size_t *capacity, size_t count) {
    if (*capacity < count) {
        free(*buffer);
        size_t bytes = (count * sizeof(float) + 63) & ~(size_t)63;
        *buffer = aligned_alloc(64, bytes);
        *capacity = *buffer ? count : 0;
    }
    return *buffer;
}

static _Thread_local float *a_buffer, *b_buffer;
static _Thread_local size_t a_capacity, b_capacity;

#if defined(__x86_64__)
/// dst[q·ds + r] = src[r·rs + q] for r, q < 8: an 8 × 8 block transposed in AVX registers.
static inline void transpose8x8(const float *src, long rs, float *dst, long ds) {
    __m256 r0 = _mm256_loadu_ps(src), r1 = _mm256_loadu_ps(src + rs), r2 = _mm256_loadu_ps(src + 2 * rs),
           r3 = _mm256_loadu_ps(src + 3 * rs), r4 = _mm256_loadu_ps(src + 4 * rs), r5 = _mm256_loadu_ps(src + 5 * rs),
           r6 = _mm256_loadu_ps(src + 6 * rs), r7 = _mm256_loadu_ps(src + 7 * rs);
    __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
    __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
    __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
    __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
    // s_k: columns k (low half) and k + 4 (high half) of rows 0–3 (s0–s3) or 4–7 (s4–s7).
    __m256 s0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0)), s1 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
    __m256 s2 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0)), s3 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
    __m256 s4 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(1, 0, 1, 0)), s5 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(3, 2, 3, 2));
    __m256 s6 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(1, 0, 1, 0)), s7 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(3, 2, 3, 2));
    _mm256_storeu_ps(dst, _mm256_permute2f128_ps(s0, s4, 0x20));
    _mm256_storeu_ps(dst + ds, _mm256_permute2f128_ps(s1, s5, 0x20));
    _mm256_storeu_ps(dst + 2 * ds, _mm256_permute2f128_ps(s2, s6, 0x20));
    _mm256_storeu_ps(dst + 3 * ds, _mm256_permute2f128_ps(s3, s7, 0x20));
    _mm256_storeu_ps(dst + 4 * ds, _mm256_permute2f128_ps(s0, s4, 0x31));
    _mm256_storeu_ps(dst + 5 * ds, _mm256_permute2f128_ps(s1, s5, 0x31));
    _mm256_storeu_ps(dst + 6 * ds, _mm256_permute2f128_ps(s2, s6, 0x31));
    _mm256_storeu_ps(dst + 7 * ds, _mm256_permute2f128_ps(s3, s7, 0x31));
}
#endif

/// dst: ⌈mc/mr⌉ panels of [kc, mr] ← A[0..<mc, 0..<kc], zero rows past mc.
/// A row-major A (csa = 1) is a transpose; with mr ≥ 8 on x86-64 it goes through 8 × 8 blocks in
/// AVX registers (the last block of a panel overlaps the one before when mr is not a multiple
/// of 8, writing the same values twice), one element at a time otherwise. Packing only copies,
/// so the path changes no result.
static void pack_a(long mc, long kc, const float *a, long rsa, long csa, int mr, float *dst) {
    for (long i0 = 0; i0 < mc; i0 += mr) {
        long rows = mc - i0 < mr ? mc - i0 : mr;
        const float *panel = a + i0 * rsa;
        if (csa == 1 && rows == mr) {
            long p = 0;
#if defined(__x86_64__)
            if (mr >= 8)
                for (; p + 8 <= kc; p += 8)
                    for (long r0 = 0; r0 < mr; r0 += 8) {
                        long r = r0 + 8 <= mr ? r0 : mr - 8;
                        transpose8x8(panel + r * rsa + p, rsa, dst + p * mr + r, mr);
                    }
#endif
            for (; p < kc; p++)
                for (int r = 0; r < mr; r++) dst[p * mr + r] = panel[r * rsa + p];
            dst += kc * mr;
        } else {
            for (long p = 0; p < kc; p++, dst += mr) {
                int r = 0;
                for (; r < rows; r++) dst[r] = panel[r * rsa + p * csa];
                for (; r < mr; r++) dst[r] = 0;
            }
        }
    }
}

/// dst: ⌈nc/nr⌉ panels of [kc, nr] ← B[0..<kc, 0..<nc], zero columns past nc.
static void pack_b(long kc, long nc, const float *b, long rsb, long csb, int nr, float *dst) {
    for (long j0 = 0; j0 < nc; j0 += nr) {
        long cols = nc - j0 < nr ? nc - j0 : nr;
        const float *panel = b + j0 * csb;
        if (csb == 1 && cols == nr) {
            for (long p = 0; p < kc; p++, dst += nr) memcpy(dst, panel + p * rsb, sizeof(float) * (size_t)nr);
        } else if (rsb == 1 && cols == nr) {
            for (long p = 0; p < kc; p++, dst += nr)
                for (int q = 0; q < nr; q++) dst[q] = panel[q * csb + p];
        } else {
            for (long p = 0; p < kc; p++, dst += nr) {
                int q = 0;
                for (; q < cols; q++) dst[q] = panel[p * rsb + q * csb];
                for (; q < nr; q++) dst[q] = 0;
            }
        }
    }
}

/// One (rows × cols) tile, rows ≤ mr and cols ≤ nr: straight into C when whole, else through
/// `tile` so the kernel can read and write a full mr × nr block.
static void run_tile(const nv_gemm_shape *s, long kc, const float *ap, const float *bp,
                     float *c, long ldc, long rows, long cols, int mode, float *tile) {
    if (rows == s->mr && cols == s->nr) {
        s->kernel(kc, ap, bp, c, ldc, mode);
        return;
    }
    if (mode != NV_MODE_ZERO)
        for (long r = 0; r < rows; r++) memcpy(tile + r * s->nr, c + r * ldc, sizeof(float) * (size_t)cols);
    // NV_MODE_ADD adds the old C here, which `tile` holds; the padding's sums are discarded.
    s->kernel(kc, ap, bp, tile, s->nr, mode);
    for (long r = 0; r < rows; r++) memcpy(c + r * ldc, tile + r * s->nr, sizeof(float) * (size_t)cols);
}

static void sgemm_blocked(const nv_gemm_shape *s, long m, long n, long k,
                          const float *a, long rsa, long csa, const float *b, long rsb, long csb,
                          float *c, long ldc, int accumulate) {
    const int mr = s->mr, nr = s->nr;
    long kcMax = s->kc < k ? s->kc : k;
    long ncMax = s->nc < n ? s->nc : n;
    long mcMax = s->mc < m ? s->mc : m;
    float *bpack = scratch(&b_buffer, &b_capacity, (size_t)kcMax * (size_t)((ncMax + nr - 1) / nr * nr));
    float *apack = scratch(&a_buffer, &a_capacity, (size_t)kcMax * (size_t)((mcMax + mr - 1) / mr * mr));
    // An edge tile's padding; zeroed so the padded lanes never hold stray bits (NaN, subnormals).
    float tile[32 * 64] __attribute__((aligned(64))) = {0};
    if (!bpack || !apack) abort();
    for (long jc = 0; jc < n; jc += s->nc) {
        long nc = n - jc < s->nc ? n - jc : s->nc;
        for (long pc = 0; pc < k; pc += s->kc) {
            long kc = k - pc < s->kc ? k - pc : s->kc;
            int mode = pc > 0 ? NV_MODE_CONTINUE : (accumulate ? NV_MODE_ADD : NV_MODE_ZERO);
            pack_b(kc, nc, b + pc * rsb + jc * csb, rsb, csb, nr, bpack);
            for (long ic = 0; ic < m; ic += s->mc) {
                long mc = m - ic < s->mc ? m - ic : s->mc;
                pack_a(mc, kc, a + ic * rsa + pc * csa, rsa, csa, mr, apack);
                for (long ir = 0; ir < mc; ir += mr) {
                    const float *ap = apack + ir * kc;
                    long rows = mc - ir < mr ? mc - ir : mr;
                    for (long jr = 0; jr < nc; jr += nr) {
                        long cols = nc - jr < nr ? nc - jr : nr;
                        run_tile(s, kc, ap, bpack + jr * kc, c + (ic + ir) * ldc + jc + jr, ldc,
                                 rows, cols, mode, tile);
                    }
                }
            }
        }
    }
}

void nv_sgemm(nv_isa isa, long m, long n, long k,
              const float *a, long rsa, long csa,
              const float *b, long rsb, long csb,
              float *c, long ldc, int accumulate) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        if (!accumulate)
            for (long i = 0; i < m; i++) memset(c + i * ldc, 0, sizeof(float) * (size_t)n);
        return;
    }
    const nv_gemm_shape *s = shape_for(isa);
    if (accumulate && k > s->kc) {
        // C += A·B must add the finished chain to the old C, but with several K blocks the
        // chain passes through C: compute it aside, then add, as one K block would.
        float *sum = malloc(sizeof(float) * (size_t)m * (size_t)n);
        if (!sum) abort();
        sgemm_blocked(s, m, n, k, a, rsa, csa, b, rsb, csb, sum, n, 0);
        for (long i = 0; i < m; i++)
            for (long j = 0; j < n; j++) c[i * ldc + j] += sum[i * n + j];
        free(sum);
        return;
    }
    sgemm_blocked(s, m, n, k, a, rsa, csa, b, rsb, csb, c, ldc, accumulate);
}

/// The portable kernel: 4 × 4 tiles, one fmaf per multiply-add (the same chain as the SIMD ones).
static void kernel_scalar(long kc, const float *a, const float *b, float *c, long ldc, int mode) {
    float acc[4][4];
    for (int r = 0; r < 4; r++)
        for (int q = 0; q < 4; q++) acc[r][q] = mode == NV_MODE_CONTINUE ? c[r * ldc + q] : 0.0f;
    for (long p = 0; p < kc; p++, a += 4, b += 4)
        for (int r = 0; r < 4; r++)
            for (int q = 0; q < 4; q++) acc[r][q] = fmaf(a[r], b[q], acc[r][q]);
    for (int r = 0; r < 4; r++)
        for (int q = 0; q < 4; q++) c[r * ldc + q] = mode == NV_MODE_ADD ? c[r * ldc + q] + acc[r][q] : acc[r][q];
}

const nv_gemm_shape nv_shape_scalar = {4, 4, 64, 256, 1024, kernel_scalar};
