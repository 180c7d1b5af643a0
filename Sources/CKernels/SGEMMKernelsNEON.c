#if defined(__aarch64__)
#include "SGEMMKernels.h"
#include <arm_neon.h>

// The arm64 micro-kernel: 8 rows × 12 columns, 24 q-register accumulators + 3 B vectors + 2 A
// vectors of the 32. `vfmaq_laneq_f32` is a fused multiply-add by one lane of A, so each C
// lane is the same chain as on x86-64. The lane must be a constant, hence the macros.

#define NV_ROW(r, av, lane)                                        \
    acc##r##0 = vfmaq_laneq_f32(acc##r##0, b0, av, lane);          \
    acc##r##1 = vfmaq_laneq_f32(acc##r##1, b1, av, lane);          \
    acc##r##2 = vfmaq_laneq_f32(acc##r##2, b2, av, lane);

#define NV_DECLARE(r)                                                               \
    float32x4_t acc##r##0 = start ? vld1q_f32(c + r * ldc) : zero;                  \
    float32x4_t acc##r##1 = start ? vld1q_f32(c + r * ldc + 4) : zero;              \
    float32x4_t acc##r##2 = start ? vld1q_f32(c + r * ldc + 8) : zero;

#define NV_STORE(r)                                                                        \
    vst1q_f32(c + r * ldc, add ? vaddq_f32(vld1q_f32(c + r * ldc), acc##r##0) : acc##r##0);         \
    vst1q_f32(c + r * ldc + 4, add ? vaddq_f32(vld1q_f32(c + r * ldc + 4), acc##r##1) : acc##r##1); \
    vst1q_f32(c + r * ldc + 8, add ? vaddq_f32(vld1q_f32(c + r * ldc + 8), acc##r##2) : acc##r##2);

static void kernel_neon(long kc, const float *a, const float *b, float *c, long ldc, int mode) {
    const int start = mode == NV_MODE_CONTINUE, add = mode == NV_MODE_ADD;
    const float32x4_t zero = vdupq_n_f32(0);
    NV_DECLARE(0) NV_DECLARE(1) NV_DECLARE(2) NV_DECLARE(3)
    NV_DECLARE(4) NV_DECLARE(5) NV_DECLARE(6) NV_DECLARE(7)
    for (long p = 0; p < kc; p++, a += 8, b += 12) {
        const float32x4_t a0 = vld1q_f32(a), a1 = vld1q_f32(a + 4);
        const float32x4_t b0 = vld1q_f32(b), b1 = vld1q_f32(b + 4), b2 = vld1q_f32(b + 8);
        NV_ROW(0, a0, 0) NV_ROW(1, a0, 1) NV_ROW(2, a0, 2) NV_ROW(3, a0, 3)
        NV_ROW(4, a1, 0) NV_ROW(5, a1, 1) NV_ROW(6, a1, 2) NV_ROW(7, a1, 3)
    }
    NV_STORE(0) NV_STORE(1) NV_STORE(2) NV_STORE(3)
    NV_STORE(4) NV_STORE(5) NV_STORE(6) NV_STORE(7)
}

const nv_gemm_shape nv_shape_neon = {8, 12, 128, 256, 960, kernel_neon};
#endif
