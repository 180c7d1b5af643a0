#include "CKernels.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// This file is compiled twice: on its own for the baseline (AVX2 on x86-64, NEON on arm64),
// with NV_ATTENTION_NAME giving its two kernels a _baseline suffix and the public functions at
// the end choosing a variant; and included by AttentionAVX512.c under an AVX-512 target, where
// the same loops become 16-lane vectors (one register per row of scores).
#ifndef NV_ATTENTION_NAME
#define NV_ATTENTION_NAME(name) name##_baseline
#define NV_ATTENTION_DISPATCH 1
#endif

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

// out[0..<dh] = Σ_{0 ≤ i < count} w[i·step] · rows[i·stride + k]: each element one chain of
// multiply-adds from 0 in increasing i, 16 (then 8, then 1) columns at a time with the sums in
// registers (a sum kept in `out` would wait on its own store every step).
static void combine(const float *restrict w, long step, const float *restrict rows, long count,
                    long stride, long dh, float *restrict out) {
    long c = 0;
    for (; c + 16 <= dh; c += 16) {
        float acc[16] = {0};
        for (long i = 0; i < count; i++) {
            const float a = w[i * step], *restrict row = rows + i * stride + c;
            for (int k = 0; k < 16; k++) acc[k] += a * row[k];
        }
        memcpy(out + c, acc, sizeof acc);
    }
    for (; c + 8 <= dh; c += 8) {
        float acc[8] = {0};
        for (long i = 0; i < count; i++) {
            const float a = w[i * step], *restrict row = rows + i * stride + c;
            for (int k = 0; k < 8; k++) acc[k] += a * row[k];
        }
        memcpy(out + c, acc, sizeof acc);
    }
    for (; c < dh; c++) {
        float acc = 0;
        for (long i = 0; i < count; i++) acc += w[i * step] * rows[i * stride + c];
        out[c] = acc;
    }
}

// `combine` for four outputs at once (weights w + o·next, outputs out + o·outNext, o < 4): the
// same chains, four independent ones in flight, so the adds do not wait on each other.
static void combine4(const float *restrict w, long step, long next, const float *restrict rows, long count,
                     long stride, long dh, float *restrict out, long outNext) {
    long c = 0;
    for (; c + 16 <= dh; c += 16) {
        float a0[16] = {0}, a1[16] = {0}, a2[16] = {0}, a3[16] = {0};
        for (long i = 0; i < count; i++) {
            const float *restrict row = rows + i * stride + c;
            const float w0 = w[i * step], w1 = w[next + i * step], w2 = w[2 * next + i * step], w3 = w[3 * next + i * step];
            for (int k = 0; k < 16; k++) {
                const float x = row[k];
                a0[k] += w0 * x;
                a1[k] += w1 * x;
                a2[k] += w2 * x;
                a3[k] += w3 * x;
            }
        }
        memcpy(out + c, a0, sizeof a0);
        memcpy(out + outNext + c, a1, sizeof a1);
        memcpy(out + 2 * outNext + c, a2, sizeof a2);
        memcpy(out + 3 * outNext + c, a3, sizeof a3);
    }
    for (long o = 0; o < 4; o++)
        if (c < dh) combine(w + o * next, step, rows + c, count, stride, dh - c, out + o * outNext + c);
}

// `count` outputs: out + o·outNext = Σ_i (w + o·next)[i·step] · rows[i·stride ..], four at a time.
static void combine_all(long outputs, const float *w, long step, long next, const float *rows, long count,
                        long stride, long dh, float *out, long outNext) {
    long o = 0;
    for (; o + 4 <= outputs; o += 4)
        combine4(w + o * next, step, next, rows, count, stride, dh, out + o * outNext, outNext);
    for (; o < outputs; o++) combine(w + o * next, step, rows, count, stride, dh, out + o * outNext);
}

void NV_ATTENTION_NAME(nv_attention_forward_short)(long batch, long length, long dim, long heads, long head, int causal, int off,
                                const float *qkv, float *scores, float *probabilities, float *ctx,
                                float *scratch) {
    const long T = length, D = dim, dh = dim / heads, stride = 3 * dim, h = head;
    const float scale = 1.0f / sqrtf((float)dh);
    float *kt = scratch;                 // Kᵀ of the head: [dh, 16]
    float *pall = scratch + dh * LANES;  // P, row i = query i, 0 where masked: [16, 16]
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
            memcpy(pall + i * LANES, e, sizeof e);
        }
        // ctx[i, head] = P[i, :] V for every query (masked weights are 0, so every sum can run
        // over all T keys and stays the sum over the allowed ones)
        float *out = ctx + (b * T) * D + h * dh;
        if (off) {
            for (long i = 0; i < T; i++) memset(out + i * D, 0, sizeof(float) * (size_t)dh);
            continue;
        }
        combine_all(T, pall, 1, LANES, base + 2 * D + h * dh, T, stride, dh, out, D);
    }
}

void NV_ATTENTION_NAME(nv_attention_backward_short)(long batch, long length, long dim, long heads, long head, int causal, int off,
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
        }
        // dQ[i] = dS[i, :] K;  dV[j] = Σ_i P[i, j] dctx_i;  dK[j] = Σ_i dS[i, j] q_i  (masked
        // entries of P and dS are 0, so every sum runs over all T)
        combine_all(T, dsall, 1, LANES, base + D + h * dh, T, stride, dh, dbase + h * dh, stride);
        combine_all(T, map, T, 1, dctx + (b * T) * D + h * dh, T, D, dh, dbase + 2 * D + h * dh, stride);
        combine_all(T, dsall, LANES, 1, base + h * dh, T, stride, dh, dbase + D + h * dh, stride);
    }
}

#ifdef NV_ATTENTION_DISPATCH
#if defined(__x86_64__)
void nv_attention_forward_short_avx512(long batch, long length, long dim, long heads, long head, int causal, int off,
                                       const float *qkv, float *scores, float *probabilities, float *ctx,
                                       float *scratch);
void nv_attention_backward_short_avx512(long batch, long length, long dim, long heads, long head, int causal, int off,
                                        const float *qkv, const float *probabilities, const float *dctx, float *dqkv,
                                        float *scratch);

// The AVX-512 variant when the CPU has it, unless NV_GEMM_ISA names a narrower instruction set
// (as it does for the GEMM; to measure or compare the baseline). Asked once. Both variants do
// the same operations in the same order, only in wider registers.
static int use_avx512(void) {
    static int answer = -1;
    if (answer < 0) {
        const char *chosen = getenv("NV_GEMM_ISA");
        answer = nv_isa_available(NV_ISA_AVX512) && (!chosen || !*chosen || strcmp(chosen, "avx512") == 0);
    }
    return answer;
}
#endif

void nv_attention_forward_short(long batch, long length, long dim, long heads, long head, int causal, int off,
                                const float *qkv, float *scores, float *probabilities, float *ctx,
                                float *scratch) {
#if defined(__x86_64__)
    if (use_avx512()) {
        nv_attention_forward_short_avx512(batch, length, dim, heads, head, causal, off, qkv, scores, probabilities, ctx, scratch);
        return;
    }
#endif
    nv_attention_forward_short_baseline(batch, length, dim, heads, head, causal, off, qkv, scores, probabilities, ctx, scratch);
}

void nv_attention_backward_short(long batch, long length, long dim, long heads, long head, int causal, int off,
                                 const float *qkv, const float *probabilities, const float *dctx, float *dqkv,
                                 float *scratch) {
#if defined(__x86_64__)
    if (use_avx512()) {
        nv_attention_backward_short_avx512(batch, length, dim, heads, head, causal, off, qkv, probabilities, dctx, dqkv, scratch);
        return;
    }
#endif
    nv_attention_backward_short_baseline(batch, length, dim, heads, head, causal, off, qkv, probabilities, dctx, dqkv, scratch);
}
#endif
