#include "CKernels.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

// Self-attention for sequences of at most 16 tokens, one head at a time: a query's row of
// scores, weights or gradients is 16 floats (keys beyond T are zero-padded lanes, masked keys
// −∞ before the softmax and 0 after), and every loop over those lanes or over the head's
// dimensions is a plain loop of fixed shape that the compiler turns into vector code (AVX2 here,
// NEON on arm64). The maths is SelfAttention.swift's; see there for the formulas.

#define LANES 16

// e^x for x ≤ 0 as Cephes' expf: x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r from a degree-5
// polynomial, 2^n written into the exponent bits (relative error about 2e-7). Inputs below
// −87.3 are clamped there (a weight of about 1e-38, far below a float's use here).
static inline float exp_lane(float x) {
    float c = x < -87.3f ? -87.3f : x;
    float shifted = c * 1.44269504f + 12582912.0f;   // + 1.5·2²³ rounds n into the low bits
    float n = shifted - 12582912.0f;
    float r = c - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float y = p * r * r + r + 1.0f;
    int32_t bits;
    memcpy(&bits, &shifted, sizeof bits);
    bits = (bits - 0x4B400000 + 127) << 23;
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    return y * scale;
}

// out[k, j] = rows[j·stride + k] for j < length, 0 for the padded lanes: [dh, 16].
static void transpose_head(const float *restrict rows, long length, long dh, long stride, float *restrict out) {
    memset(out, 0, sizeof(float) * (size_t)(dh * LANES));
    for (long j = 0; j < length; j++)
        for (long k = 0; k < dh; k++) out[k * LANES + j] = rows[j * stride + k];
}

// out[0..<dh] = Σ_{from ≤ i < to} w[i·step] · rows[i·stride + k]: each element one chain of
// multiply-adds from 0 in increasing i, 16 (then 8, then 1) columns at a time with the sums in
// registers (a sum kept in `out` would wait on its own store every step).
static void combine(const float *restrict w, long step, const float *restrict rows, long from, long to,
                    long stride, long dh, float *restrict out) {
    long c = 0;
    for (; c + 16 <= dh; c += 16) {
        float acc[16] = {0};
        for (long i = from; i < to; i++) {
            const float a = w[i * step], *restrict row = rows + i * stride + c;
            for (int k = 0; k < 16; k++) acc[k] += a * row[k];
        }
        memcpy(out + c, acc, sizeof acc);
    }
    for (; c + 8 <= dh; c += 8) {
        float acc[8] = {0};
        for (long i = from; i < to; i++) {
            const float a = w[i * step], *restrict row = rows + i * stride + c;
            for (int k = 0; k < 8; k++) acc[k] += a * row[k];
        }
        memcpy(out + c, acc, sizeof acc);
    }
    for (; c < dh; c++) {
        float acc = 0;
        for (long i = from; i < to; i++) acc += w[i * step] * rows[i * stride + c];
        out[c] = acc;
    }
}

void nv_attention_forward_short(long batch, long length, long dim, long heads, long head, int causal, int off,
                                const float *qkv, float *scores, float *probabilities, float *ctx,
                                float *scratch) {
    const long T = length, D = dim, dh = dim / heads, stride = 3 * dim, h = head;
    const float scale = 1.0f / sqrtf((float)dh);
    float *kt = scratch;  // Kᵀ of the head: [dh, 16]
    for (long b = 0; b < batch; b++) {
        const float *base = qkv + b * T * stride;
        transpose_head(base + D + h * dh, T, dh, stride, kt);
        const long map = ((b * heads + h) * T) * T;
        for (long i = 0; i < T; i++) {
            const long count = causal ? i + 1 : T;
            // S[i, :] = q_i Kᵀ / √dh
            const float *q = base + i * stride + h * dh;
            float s[LANES] = {0};
            for (long k = 0; k < dh; k++) {
                const float qk = q[k];
                for (int j = 0; j < LANES; j++) s[j] += qk * kt[k * LANES + j];
            }
            for (int j = 0; j < LANES; j++) s[j] *= scale;
            // P[i, :] = softmax over the allowed keys
            float top = -INFINITY;
            for (long j = 0; j < count; j++) top = s[j] > top ? s[j] : top;
            float e[LANES];
            for (int j = 0; j < LANES; j++) e[j] = exp_lane(s[j] - top) * (j < count ? 1.0f : 0.0f);
            float sum = 0;
            for (int j = 0; j < LANES; j++) sum += e[j];
            const float inv = 1.0f / sum;
            for (int j = 0; j < LANES; j++) e[j] *= inv;
            float *srow = scores + map + i * T, *prow = probabilities + map + i * T;
            for (long j = 0; j < T; j++) {
                srow[j] = j < count ? s[j] : -INFINITY;
                prow[j] = e[j];
            }
            // ctx[i, head] = P[i, :] V
            float *out = ctx + (b * T + i) * D + h * dh;
            if (off) {
                memset(out, 0, sizeof(float) * (size_t)dh);
                continue;
            }
            combine(e, 1, base + 2 * D + h * dh, 0, count, stride, dh, out);
        }
    }
}

void nv_attention_backward_short(long batch, long length, long dim, long heads, long head, int causal, int off,
                                 const float *qkv, const float *probabilities, const float *dctx, float *dqkv,
                                 float *scratch) {
    const long T = length, D = dim, dh = dim / heads, stride = 3 * dim, h = head;
    const float scale = 1.0f / sqrtf((float)dh);
    float *vt = scratch;              // Vᵀ of the head: [dh, 16]
    float *dsall = scratch + dh * LANES;  // dS / √dh, row i = query i: [16, 16]
    for (long b = 0; b < batch; b++) {
        const float *base = qkv + b * T * stride;
        float *dbase = dqkv + b * T * stride;
        if (off) {
            for (long t = 0; t < T; t++)
                for (int part = 0; part < 3; part++)
                    memset(dbase + t * stride + part * D + h * dh, 0, sizeof(float) * (size_t)dh);
            continue;
        }
        transpose_head(base + 2 * D + h * dh, T, dh, stride, vt);
        const float *map = probabilities + ((b * heads + h) * T) * T;
        for (long i = 0; i < T; i++) {
            // dP[i, :] = dctx_i Vᵀ;  dS[i, :] = P ⊙ (dP − ⟨P, dP⟩) / √dh
            const float *g = dctx + (b * T + i) * D + h * dh;
            float dp[LANES] = {0}, p[LANES] = {0};
            for (long k = 0; k < dh; k++) {
                const float gk = g[k];
                for (int j = 0; j < LANES; j++) dp[j] += gk * vt[k * LANES + j];
            }
            for (long j = 0; j < T; j++) p[j] = map[i * T + j];
            float weighted = 0;
            for (int j = 0; j < LANES; j++) weighted += p[j] * dp[j];
            float *ds = dsall + i * LANES;
            for (int j = 0; j < LANES; j++) ds[j] = p[j] * (dp[j] - weighted) * scale;
            // dQ[i] = dS[i, :] K
            combine(ds, 1, base + D + h * dh, 0, causal ? i + 1 : T, stride, dh, dbase + i * stride + h * dh);
        }
        for (long j = 0; j < T; j++) {
            // dV[j] = Σ_i P[i, j] dctx_i;  dK[j] = Σ_i dS[i, j] q_i
            const long first = causal ? j : 0;
            combine(map + j, T, dctx + (b * T) * D + h * dh, first, T, D, dh, dbase + j * stride + 2 * D + h * dh);
            combine(dsall + j, LANES, base + h * dh, first, T, stride, dh, dbase + j * stride + D + h * dh);
        }
    }
}
