"""nv's k-means and kNN against scikit-learn (issue 14). Not a dependency of nv.

    swift build -c release --product nv-bench-cluster
    /work/venv-ref/bin/python tools/reference/check_kmeans_knn.py [--tabular DIR] [--mnist DIR]

k-means: for iris, wine and blobs (and a start with an empty cluster), nv runs from its own
initial centroids and writes every iteration; scikit-learn's
KMeans(init=<the same array>, n_init=1, algorithm="lloyd") is run (1) to the end, compared
on labels, centroids (1e-5), inertia and n_iter_, and (2) one iteration at a time
(max_iter=1 from its own previous centroids), compared at every iteration on the centroids,
the labels of the next assignment and the inertia.
kNN: KNeighborsClassifier(algorithm="brute") (StandardScaler first for penguins) on the same
train/test split: predictions equal, probabilities to 1e-9 (1e-6 for scaled data,
standardised in float32 by nv).
Exits 1 on any difference.
"""
import argparse, json, os, subprocess, sys, tempfile, warnings
import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_samples
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
warnings.filterwarnings("ignore")
failures = []


def fail(message):
    failures.append(message)
    print("  FAIL " + message)


def check_kmeans(case):
    name, k, d = case["name"], case["k"], case["features"]
    X = np.array(case["points"], dtype=np.float64).reshape(-1, d)
    init = np.array(case["init"], dtype=np.float64).reshape(k, d)
    trail = [np.array(c).reshape(k, d) for c in case["trail"]]
    inertia_history = case["inertia_history"]
    assign_labels = [np.array(l) for l in case["assign_labels"]]
    # (1) the whole run
    km = KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd").fit(X)
    worst = np.abs(km.cluster_centers_ - np.array(case["centroids"]).reshape(k, d)).max()
    same_labels = np.array_equal(km.labels_, np.array(case["labels"]))
    rel_inertia = abs(km.inertia_ - case["inertia"]) / max(1e-300, km.inertia_)
    print(f"{name}: k={k}, n={len(X)}, d={d}: sklearn n_iter_={km.n_iter_}, nv iterations={case['iterations']} ({case['stop']}); "
          f"final labels equal={same_labels}, max |centroid diff|={worst:.2e}, inertia rel diff={rel_inertia:.2e}")
    if not same_labels: fail(f"{name}: final labels differ")
    if worst > 1e-5: fail(f"{name}: final centroids differ by {worst}")
    if rel_inertia > 1e-9: fail(f"{name}: final inertia {case['inertia']} vs {km.inertia_}")
    if km.n_iter_ != case["iterations"]: fail(f"{name}: n_iter_ {km.n_iter_} vs nv {case['iterations']}")
    # (2) every iteration: from C_t, one lloyd iteration gives C_{t+1}; its labels_ are the
    # assignment to C_{t+1} and its inertia_ that of C_{t+1}.
    C = init
    worst_c, worst_i, label_steps = 0.0, 0.0, 0
    for t in range(len(trail) - 1):
        step = KMeans(n_clusters=k, init=C, n_init=1, max_iter=1, algorithm="lloyd").fit(X)
        C = step.cluster_centers_
        worst_c = max(worst_c, np.abs(C - trail[t + 1]).max())
        nv_labels = assign_labels[t + 1] if t + 1 < len(assign_labels) else np.array(case["labels"])
        if not np.array_equal(step.labels_, nv_labels):
            fail(f"{name}: labels of assignment {t + 2} differ in {(step.labels_ != nv_labels).sum()} points")
        label_steps += 1
        worst_i = max(worst_i, abs(step.inertia_ - inertia_history[t + 1]) / step.inertia_)
    print(f"  per iteration ({len(trail) - 1} updates): max |centroid diff| {worst_c:.2e}, labels compared at "
          f"{label_steps} assignments, max inertia rel diff {worst_i:.2e}")
    if worst_c > 1e-5: fail(f"{name}: per-iteration centroids differ by {worst_c}")
    if worst_i > 1e-9: fail(f"{name}: per-iteration inertia differs by {worst_i}")


def check_knn(run, data_dir):
    name = run["set"]
    meta = json.load(open(f"{data_dir}/{name}-labels.json"))
    d = meta["features"]
    Xtr = np.fromfile(f"{data_dir}/{name}-train.f32", dtype=np.float32).reshape(-1, d).astype(np.float64)
    Xte = np.fromfile(f"{data_dir}/{name}-test.f32", dtype=np.float32).reshape(-1, d).astype(np.float64)
    ytr, yte = np.array(meta["train_labels"]), np.array(meta["test_labels"])
    if run["scale"]:
        scaler = StandardScaler().fit(Xtr)
        Xtr, Xte = scaler.transform(Xtr), scaler.transform(Xte)
    m = KNeighborsClassifier(n_neighbors=run["k"], weights=run["weights"], metric=run["metric"],
                             algorithm="brute").fit(Xtr, ytr)
    pred = m.predict(Xte)
    proba = m.predict_proba(Xte)
    nv_pred = np.array(run["predictions"])
    nv_proba = np.array(run["probabilities"]).reshape(proba.shape)
    # nv stores standardised points in float32, so distance-weighted probabilities of scaled
    # data carry float32 rounding (about 1e-8 here); unscaled data is exact to double rounding.
    tolerance = 1e-6 if run["scale"] else 1e-9
    wrong = int((pred != nv_pred).sum())
    worst = float(np.abs(proba - nv_proba).max())
    print(f"{name} k={run['k']} {run['weights']} {run['metric']}{' scaled' if run['scale'] else ''}: "
          f"{len(Xte)} queries, {wrong} different predictions, max |proba diff| {worst:.2e}, "
          f"accuracy sklearn {np.mean(pred == yte):.4f} nv {np.mean(nv_pred == yte):.4f}")
    if wrong: fail(f"{name} {run['k']} {run['weights']} {run['metric']}: {wrong} predictions differ")
    if worst > tolerance: fail(f"{name} {run['k']} {run['weights']} {run['metric']}: probabilities differ by {worst}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tabular", default="/work/shared/data/tabular")
    parser.add_argument("--mnist", default=os.path.join(ROOT, "data/mnist"))
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/nv-bench-cluster"))
    args = parser.parse_args()
    out = tempfile.mkdtemp(prefix="nv-cluster-check-")
    subprocess.run([args.binary, "kmeans-dump", args.tabular, out], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([args.binary, "knn-dump", args.tabular, args.mnist, out], check=True, stdout=subprocess.DEVNULL)
    import sklearn
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    print("== k-means ==")
    for case in json.load(open(out + "/kmeans.json")):
        check_kmeans(case)
    sil = json.load(open(out + "/silhouette.json"))
    iris = np.loadtxt(os.path.join(args.tabular, "iris.csv"), delimiter=",", skiprows=1)[:, :4]
    iris = iris.astype(np.float32).astype(np.float64)
    worst = np.abs(silhouette_samples(iris, np.array(sil["labels"])) - np.array(sil["samples"])).max()
    print(f"silhouette_samples on iris, k=3: max diff {worst:.2e}")
    if worst > 1e-9: fail(f"silhouette differs by {worst}")
    print("== kNN ==")
    for run in json.load(open(out + "/knn.json")):
        check_knn(run, out)
    print("OK: nv agrees with scikit-learn" if not failures else f"{len(failures)} differences")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
