"""Peer timings for nv-bench-gemm: single-precision matrix products through NumPy (OpenBLAS).

nv-bench-gemm runs this once per round, between its own rounds, with OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE removed from the environment so that OpenBLAS picks its own kernel for the CPU.
Prints one JSON object per line: {"peer", "shape", "seconds": [one per repeat], "blas"}.

    python tools/reference/bench_gemm_peer.py --shape 1024x1024x1024 [--nt] [--repeats 3]
"""
import argparse
import json
import time

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shape", required=True, help="MxNxK")
    parser.add_argument("--nt", action="store_true", help="B stored [N, K], the product A·Bᵀ")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    m, n, k = (int(x) for x in args.shape.split("x"))
    rng = np.random.default_rng(1)
    a = rng.uniform(-1, 1, (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if args.nt else (k, n)).astype(np.float32)
    c = np.empty((m, n), dtype=np.float32)
    rhs = b.T if args.nt else b
    np.matmul(a, rhs, out=c)  # warm up: threads started, pages touched
    seconds = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        np.matmul(a, rhs, out=c)
        seconds.append(time.perf_counter() - start)
    try:
        from threadpoolctl import threadpool_info
        blas = next((f"{i['internal_api']} {i['version']} {i['architecture']} {i['num_threads']} threads"
                     for i in threadpool_info() if i.get("user_api") == "blas"), "?")
    except ImportError:
        blas = "?"
    print(json.dumps({"peer": "numpy", "shape": args.shape + (" NT" if args.nt else ""), "seconds": seconds,
                      "blas": blas}))


if __name__ == "__main__":
    main()
