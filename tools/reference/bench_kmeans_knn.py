"""nv's k-means iteration and kNN predictions beside scikit-learn's, in one run (issue 14).

    swift build -c release --product nv-bench-cluster
    /work/venv-ref/bin/python tools/reference/bench_kmeans_knn.py [--repeats 5]

Workloads (the shipped digits, pixels / 255 as float32):
- one Lloyd iteration on the 10,000 test digits at 28x28 (784 features), k = 10, from the first
  ten digits as centroids. scikit-learn: its own iteration function (lloyd_iter_chunked_dense,
  what KMeans.fit calls once per iteration) on float32 and float64 input, and, for the whole
  picture, KMeans(max_iter=1).fit (validation, centring, one iteration, the final assignment).
- kNN: k = 5 predictions for the 10,000 test digits against the 5,000 training digits,
  KNeighborsClassifier(algorithm="brute") on float32 input.
Best of --repeats each; nv runs first, then scikit-learn, then nv again (the better nv time is
kept), so a busy machine hurts both sides alike.
"""
import argparse, gzip, os, re, subprocess, time, warnings
import numpy as np
from sklearn.cluster import KMeans
from sklearn.cluster._k_means_lloyd import lloyd_iter_chunked_dense
from sklearn.neighbors import KNeighborsClassifier
from threadpoolctl import threadpool_info

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
warnings.filterwarnings("ignore")


def idx(path):
    data = gzip.open(path).read()
    n = int.from_bytes(data[4:8], "big")
    if data[3] == 3:
        return np.frombuffer(data[16:], np.uint8).reshape(n, 784).astype(np.float32) / 255
    return np.frombuffer(data[8:], np.uint8).astype(np.int64)


def best(f, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return min(times)


def run_nv(binary, mnist, repeats):
    out = subprocess.run([binary, "bench", mnist, str(repeats)], check=True, capture_output=True, text=True).stdout
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\S+) seconds=([0-9.]+)", out, re.M)}, out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mnist", default=os.path.join(ROOT, "data/mnist"))
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/nv-bench-cluster"))
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    Xt = idx(args.mnist + "/t10k-images-idx3-ubyte.gz")
    Xr, yr = idx(args.mnist + "/train-5k-images-idx3-ubyte.gz"), idx(args.mnist + "/train-5k-labels-idx1-ubyte.gz")
    n, d, k = Xt.shape[0], 784, 10

    nv1, text1 = run_nv(args.binary, args.mnist, args.repeats)

    sk = {}
    for dtype in (np.float32, np.float64):
        X = np.ascontiguousarray(Xt.astype(dtype))
        w = np.ones(n, dtype=dtype)
        centers = np.ascontiguousarray(X[:k].copy())
        new, weights = np.zeros_like(centers), np.zeros(k, dtype=dtype)
        labels, shift = np.full(n, -1, dtype=np.int32), np.zeros(k, dtype=dtype)
        # Both thread counts: on a busy machine OpenMP's spinning threads can make two slower than one.
        for threads in (1, os.cpu_count()):
            sk[f"lloyd_iter {np.dtype(dtype).name} {threads}t"] = best(
                lambda: lloyd_iter_chunked_dense(X, w, centers, new, weights, labels, shift, threads), args.repeats)
    sk["KMeans(max_iter=1).fit float32"] = best(
        lambda: KMeans(k, init=Xt[:k], n_init=1, max_iter=1, algorithm="lloyd").fit(Xt), args.repeats)
    model = KNeighborsClassifier(5, algorithm="brute").fit(Xr, yr)
    sk["knn predict float32"] = best(lambda: model.predict(Xt), max(1, args.repeats // 2))

    nv2, text2 = run_nv(args.binary, args.mnist, args.repeats)
    nv = {key: min(nv1[key], nv2[key]) for key in nv1}

    blas = ", ".join(f"{i.get('internal_api')} {i.get('version')} ({i.get('num_threads')} threads, {i.get('architecture')})"
                     for i in threadpool_info())
    print(f"machine: {os.cpu_count()} cores; scikit-learn BLAS/OpenMP: {blas}")
    print(text2.strip())
    kflops = 2.0 * n * k * d + n * d
    qflops = 2.0 * n * Xr.shape[0] * d
    print(f"\none Lloyd iteration, 10,000 x 784, k = 10 ({kflops / 1e9:.3f} GFLOP):")
    print(f"  nv (float32 ranking, double sums)     {nv['kmeans-iteration'] * 1e3:8.2f} ms  {kflops / nv['kmeans-iteration'] / 1e9:6.1f} GFLOP/s")
    keys = [key for key in sk if key.startswith("lloyd_iter")] + ["KMeans(max_iter=1).fit float32"]
    for key in keys:
        print(f"  scikit-learn {key:<25}{sk[key] * 1e3:8.2f} ms  {kflops / sk[key] / 1e9:6.1f} GFLOP/s"
              f"  -> nv is {sk[key] / nv['kmeans-iteration']:.2f}x faster")
    print(f"\nkNN, 10,000 test vs 5,000 train digits, 784 features, k = 5 ({qflops / 1e9:.1f} GFLOP in the distance product):")
    print(f"  nv                                    {nv['knn-predict'] * 1e3:8.1f} ms  {qflops / nv['knn-predict'] / 1e9:6.1f} GFLOP/s")
    print(f"  scikit-learn brute, float32 input     {sk['knn predict float32'] * 1e3:8.1f} ms  "
          f"{qflops / sk['knn predict float32'] / 1e9:6.1f} GFLOP/s  -> nv is {sk['knn predict float32'] / nv['knn-predict']:.2f}x faster")


if __name__ == "__main__":
    main()
