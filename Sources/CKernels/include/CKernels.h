#ifndef NV_CKERNELS_H
#define NV_CKERNELS_H

/// The vector kernels of nv's Runtime that Swift cannot express: instruction sets chosen at run
/// time. Swift has no per-function target attribute, so a Swift function can only use AVX-512 if
/// its whole module is compiled for it (and then the module would die with SIGILL on an AVX2
/// CPU). C has `__attribute__((target("avx512f")))`, so one binary carries the AVX2+FMA and the
/// AVX-512 kernels and the caller picks one after asking the CPU.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Instruction sets of the single-precision GEMM micro-kernels.
typedef enum {
    NV_ISA_SCALAR = 0,  ///< portable C (fmaf), for targets with none of the below
    NV_ISA_NEON = 1,    ///< arm64 Advanced SIMD, 4 lanes
    NV_ISA_AVX2 = 2,    ///< x86-64 AVX2 + FMA, 8 lanes (the baseline nv is built for)
    NV_ISA_AVX512 = 3,  ///< x86-64 AVX-512F, 16 lanes
} nv_isa;

/// The fastest instruction set this CPU and operating system can run (AVX-512 needs the OS to
/// save the ZMM state, which XGETBV reports).
nv_isa nv_best_isa(void);

/// 1 when `isa` can run on this machine (the scalar path always can).
int nv_isa_available(nv_isa isa);

/// C[m, n] = A[m, k] · B[k, n] (+ C when `accumulate`), single precision, one thread.
/// Element (i, p) of A is a[i*rsa + p*csa] and (p, j) of B is b[p*rsb + j*csb], so transposed
/// operands are strides, not copies; C is row-major with row length ldc.
///
/// Every element of C is one chain of fused multiply-adds from 0 in increasing p (then added to
/// the old C when accumulating), whatever the ISA, the blocking or the tile an element falls in:
/// results do not depend on `isa`, on the sizes, or on how a caller splits C between threads.
void nv_sgemm(nv_isa isa, long m, long n, long k,
              const float *a, long rsa, long csa,
              const float *b, long rsb, long csb,
              float *c, long ldc, int accumulate);

/// Multi-head self-attention forward for one head `head` of sequences of at most 16 tokens
/// (Runtime's SelfAttention.forwardShort documents the maths and shapes): qkv [batch·length,
/// 3·dim] → that head's scores and probabilities in [batch, heads, length, length] and its
/// columns of ctx [batch·length, dim] (zeros when `off`). `scratch`: (dim/heads + 16)·16 floats.
void nv_attention_forward_short(long batch, long length, long dim, long heads, long head, int causal, int off,
                                const float *qkv, float *scores, float *probabilities, float *ctx,
                                float *scratch);

/// The backward of `nv_attention_forward_short` for head `head`: dctx [batch·length, dim] →
/// that head's columns of dqkv [batch·length, 3·dim] (overwritten; zeros when `off`).
void nv_attention_backward_short(long batch, long length, long dim, long heads, long head, int causal, int off,
                                 const float *qkv, const float *probabilities, const float *dctx, float *dqkv,
                                 float *scratch);

/// C[m, n] = A[m, k] · B[n, k]ᵀ (+ C when `accumulate`) as dot products of contiguous rows in
/// the summation order of Runtime's `GEMM.dotRows` (eight lane sums along K added in lane
/// order, then the last k mod 8 terms one by one), the same bits, with AVX-512 registers.
/// x86-64 only; call it only when `nv_isa_available(NV_ISA_AVX512)`.
void nv_row_dots_avx512(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                        float *c, long ldc, int accumulate);

/// Adam's update of `values` from `gradients` and the moments `first`, `second` (each `[count]`)
/// 16 lanes at a time, bit for bit Runtime's `AdamRule.update`; returns how many elements it
/// did (a multiple of 16; the caller does the rest). x86-64 with AVX-512 only.
long nv_adam_avx512(float *values, const float *gradients, float *first, float *second, long count,
                    float lr, float beta1, float beta2, float epsilon, float c1, float c2);

/// C[m, n] = A[m, k] · B[k, n] (+ C when `accumulate`) for small products, unpacked, with
/// AVX-512: the same chain per element as `nv_sgemm` (so the same bits). Row-major, leading
/// dimensions lda, ldb, ldc; k ≥ 1. x86-64 only; call it only when AVX-512 is available.
void nv_sgemm_small_avx512(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                           float *c, long ldc, int accumulate);

/// `count` full-batch steps of the XOR network with `hidden` = 1…4 units, bit for bit Runtime's
/// `XORNetwork.step` (the general Swift path): w1 [2, hidden], b1 [hidden], w2 [hidden] and *b2
/// are read, trained and written back; losses [count] gets each step's loss before its update;
/// norms [2] the squared norms of the last step's ∂w1 and ∂w2 (of the summed loss). Stops after
/// a step whose loss is not finite. `expTable` is Runtime's `expTable` (256 entries). Returns
/// the steps run, or −1 (nothing done) for another `hidden`, an `isa` other than NV_ISA_AVX2 or
/// NV_ISA_AVX512 (that one only when `nv_xor_steps_avx512_available`), or a CPU that is not x86-64.
long nv_xor_steps(nv_isa isa, long hidden, long count, double scale, double *w1, double *b1, double *w2,
                  double *b2, double *losses, double *norms, const unsigned long long *expTable);

/// 1 when `nv_xor_steps` can run its AVX-512 build (AVX-512F with the VL extension) here.
int nv_xor_steps_avx512_available(void);

/// The x86-64 features `-target-cpu haswell` lets the compiler use (Package.swift), one bit
/// each, for nv's start-up check (NVCommand's CPUCheck).
typedef enum {
    NV_CPU_AVX = 1 << 0,
    NV_CPU_AVX2 = 1 << 1,
    NV_CPU_FMA = 1 << 2,
    NV_CPU_F16C = 1 << 3,
    NV_CPU_BMI1 = 1 << 4,
    NV_CPU_BMI2 = 1 << 5,
    NV_CPU_MOVBE = 1 << 6,
    NV_CPU_LZCNT = 1 << 7,  ///< /proc/cpuinfo calls it `abm`
    NV_CPU_POPCNT = 1 << 8,
    NV_CPU_SSE4_2 = 1 << 9,
} nv_cpu_feature;

/// The `nv_cpu_feature` bits this CPU has and the OS lets run (the AVX family needs the OS to
/// save the YMM registers), asked with CPUID: what /proc/cpuinfo's flags say, without reading
/// and parsing that file. Compiled for baseline x86-64, so it runs on any x86-64 CPU; 0 elsewhere.
unsigned nv_cpu_features(void);

/// Four Doubles, imported into Swift as SIMD4<Double>.
typedef double nv_double4 __attribute__((ext_vector_type(4)));

/// `v` unchanged, held whole in one vector register: the optimiser cannot look through it, so
/// the arithmetic that made `v` stays 4 lanes wide instead of being split into scalar lanes
/// (the XOR step's output sigmoid: one 4-wide division, not four scalar ones). No instruction,
/// no change to any bit. A plain identity where AVX is not available.
static inline nv_double4 nv_whole_vector4(nv_double4 v) {
#if defined(__x86_64__) && defined(__AVX__)
    __asm__("" : "+x"(v));
#endif
    return v;
}

#ifdef __cplusplus
}
#endif

#endif
