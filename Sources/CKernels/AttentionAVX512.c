// The short attention kernels of Attention.c compiled for AVX-512 (chosen at run time by
// Attention.c's public functions when the CPU has it).
#if defined(__x86_64__)
#include "CKernels.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#define NV_ATTENTION_NAME(name) name##_avx512
#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx512dq,avx512bw"))), apply_to = function)
#include "Attention.c"
#pragma clang attribute pop
#endif
