#include "CKernels.h"

// Adam's update of the CNN's parameters with AVX-512: exactly the arithmetic of Runtime's
// `AdamRule.update` (its 8-lane Swift path) on 16 lanes at a time, every operation rounded
// where the Swift code rounds it, so the updated weights are the same bits.

#if defined(__x86_64__)
#include <immintrin.h>

// Each product and sum is rounded on its own, as in the Swift code (no fused multiply-adds).
#pragma STDC FP_CONTRACT OFF

/// `AdamRule.squareRoot` on 16 lanes: the bit-trick estimate of 1/√x, three Newton steps
/// r ← r(1.5 − ½xr²), √x = x·r; subnormal x scaled by 2⁶⁴ first and their roots by 2⁻³² after.
__attribute__((target("avx512f"), always_inline))
static inline __m512 adam_sqrt(__m512 x) {
    __mmask16 tiny = _mm512_cmp_ps_mask(x, _mm512_set1_ps(0x1p-126f), _CMP_LT_OQ);
    __m512 scaled = _mm512_mask_mul_ps(x, tiny, x, _mm512_set1_ps(0x1p64f));
    __m512i bits = _mm512_sub_epi32(_mm512_set1_epi32(0x5F3759DF), _mm512_srli_epi32(_mm512_castps_si512(scaled), 1));
    __m512 r = _mm512_castsi512_ps(bits);
    __m512 half = _mm512_mul_ps(_mm512_set1_ps(0.5f), scaled);
    for (int i = 0; i < 3; i++)
        r = _mm512_mul_ps(r, _mm512_sub_ps(_mm512_set1_ps(1.5f), _mm512_mul_ps(_mm512_mul_ps(half, r), r)));
    __m512 root = _mm512_mul_ps(scaled, r);
    return _mm512_mask_mul_ps(root, tiny, root, _mm512_set1_ps(0x1p-32f));
}

__attribute__((target("avx512f")))
long nv_adam_avx512(float *values, const float *gradients, float *first, float *second, long count,
                    float lr, float beta1, float beta2, float epsilon, float c1, float c2) {
    const __m512 vb1 = _mm512_set1_ps(beta1), vb2 = _mm512_set1_ps(beta2), vlr = _mm512_set1_ps(lr);
    const __m512 veps = _mm512_set1_ps(epsilon), vc1 = _mm512_set1_ps(c1), vc2 = _mm512_set1_ps(c2);
    const __m512 one = _mm512_set1_ps(1.0f);
    long k = 0;
    for (; k + 16 <= count; k += 16) {
        __m512 g = _mm512_loadu_ps(gradients + k);
        // mk = β₁ m + (1 − β₁) g;  sk = β₂ s + ((1 − β₂) g) g
        __m512 mk = _mm512_add_ps(_mm512_mul_ps(vb1, _mm512_loadu_ps(first + k)), _mm512_mul_ps(_mm512_sub_ps(one, vb1), g));
        __m512 sk = _mm512_add_ps(_mm512_mul_ps(vb2, _mm512_loadu_ps(second + k)),
                                  _mm512_mul_ps(_mm512_mul_ps(_mm512_sub_ps(one, vb2), g), g));
        _mm512_storeu_ps(first + k, mk);
        _mm512_storeu_ps(second + k, sk);
        // update = lr (mk c₁) / (√(sk c₂) + ε)
        __m512 update = _mm512_div_ps(_mm512_mul_ps(vlr, _mm512_mul_ps(mk, vc1)),
                                      _mm512_add_ps(adam_sqrt(_mm512_mul_ps(sk, vc2)), veps));
        _mm512_storeu_ps(values + k, _mm512_sub_ps(_mm512_loadu_ps(values + k), update));
    }
    return k;
}
#endif
