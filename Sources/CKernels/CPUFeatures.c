#include "CKernels.h"
#if defined(__x86_64__)
#include <cpuid.h>
#endif

// nv's start-up check calls this before anything compiled for Haswell may run, so unlike the
// rest of this target (-march=haswell) it must not use a Haswell instruction itself (a BMI shift
// for a bit test, say): every function here is compiled for baseline x86-64. The cpuid.h macros
// are inline assembly, not functions, so nothing here calls code built for Haswell.
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("arch=x86-64"))), apply_to = function)

/// XCR0, the state components the OS saves; only when CPUID.1:ECX.OSXSAVE says XGETBV exists.
static unsigned long long nv_xcr0(void) {
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long)hi << 32) | lo;
}

unsigned nv_cpu_features(void) {
    unsigned a, b, c, d, features = 0;
    __cpuid(0, a, b, c, d);
    unsigned maxLeaf = a;
    if (maxLeaf < 1) return 0;
    __cpuid(1, a, b, c, d);
    // The VEX-encoded instructions (AVX, AVX2, FMA, F16C) run only when the OS saves the YMM
    // registers (XCR0 bits 1 and 2); Linux hides them from /proc/cpuinfo otherwise.
    int ymm = (c & bit_OSXSAVE) && (nv_xcr0() & 0x6) == 0x6;
    if (ymm && (c & bit_AVX)) features |= NV_CPU_AVX;
    if (ymm && (c & bit_AVX) && (c & bit_FMA)) features |= NV_CPU_FMA;
    if (ymm && (c & bit_AVX) && (c & bit_F16C)) features |= NV_CPU_F16C;
    if (c & bit_MOVBE) features |= NV_CPU_MOVBE;
    if (c & bit_POPCNT) features |= NV_CPU_POPCNT;
    if (c & bit_SSE4_2) features |= NV_CPU_SSE4_2;
    if (maxLeaf >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        if (ymm && (features & NV_CPU_AVX) && (b & bit_AVX2)) features |= NV_CPU_AVX2;
        if (b & bit_BMI) features |= NV_CPU_BMI1;
        if (b & bit_BMI2) features |= NV_CPU_BMI2;
    }
    __cpuid(0x80000000, a, b, c, d);
    if (a >= 0x80000001) {
        __cpuid(0x80000001, a, b, c, d);
        if (c & bit_LZCNT) features |= NV_CPU_LZCNT;
    }
    return features;
}

#pragma clang attribute pop
#else
unsigned nv_cpu_features(void) { return 0; }
#endif
