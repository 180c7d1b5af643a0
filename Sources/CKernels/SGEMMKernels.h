#ifndef NV_SGEMM_KERNELS_H
#define NV_SGEMM_KERNELS_H

/// Internal to CKernels: the micro-kernels and the blocking each instruction set uses.

/// How a micro-kernel starts and ends its tile of C.
enum {
    NV_MODE_ZERO = 0,      ///< start from 0, store the sums (C = A·B)
    NV_MODE_CONTINUE = 1,  ///< start from C, store (a later K block of the same chain)
    NV_MODE_ADD = 2,       ///< start from 0, add the sums to C (C += A·B)
};

/// c[mr, nr] (row length ldc) ⊕= a · b over kc steps, with a packed as kc groups of mr values
/// (column p of the tile's rows) and b as kc groups of nr values (row p of its columns).
typedef void (*nv_micro_kernel)(long kc, const float *a, const float *b, float *c, long ldc, int mode);

/// Tile and cache-block sizes of one instruction set (see SGEMM.c for how they are used).
typedef struct {
    int mr, nr;        ///< register tile of C
    long mc, kc, nc;   ///< rows of A, depth and columns of B per packed block
    nv_micro_kernel kernel;
} nv_gemm_shape;

#if defined(__x86_64__)
extern const nv_gemm_shape nv_shape_avx2;
extern const nv_gemm_shape nv_shape_avx512;
#endif
#if defined(__aarch64__)
extern const nv_gemm_shape nv_shape_neon;
#endif
extern const nv_gemm_shape nv_shape_scalar;

#endif
