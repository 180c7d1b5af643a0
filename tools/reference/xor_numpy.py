"""The original Network-Visualizers XOR maths in NumPy, for comparing solve counts and speed.

Same network as nv's XORNetwork: 2-h-1, sigmoid hidden and output, weights from
np.random.randn (w1 as (2, h), then w2 as (h, 1)), biases zero, gradients of
1/2 (yhat - y)^2 summed over the four rows and divided by the batch size, lr 0.1,
full batch. NumPy's global generator is seeded per run (np.random.seed(seed)) before
the weights are drawn, the way the original draws them (it never seeds).

    python3 tools/reference/xor_numpy.py            # seeds 1..20, h = 2 and 3, 40000 epochs
    python3 tools/reference/xor_numpy.py --time     # also time 40000 epochs of h = 2 and 3
    python3 tools/reference/xor_numpy.py --seeds 200 # solve rates over seeds 1..200, all seeds
                                                     # trained at once (same maths, batched)
"""
import sys
import time

import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
Y = np.array([[0], [1], [1], [0]], dtype=np.float64)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def train(h, seed, epochs=40000, lr=0.1):
    np.random.seed(seed)
    w1 = np.random.randn(2, h)
    b1 = np.zeros((1, h))
    w2 = np.random.randn(h, 1)
    b2 = np.zeros((1, 1))
    m = X.shape[0]
    for _ in range(epochs):
        # forward: z1 [m, h], a1 [m, h], z2 [m, 1], a2 [m, 1]
        z1 = X @ w1 + b1
        a1 = sigmoid(z1)
        z2 = a1 @ w2 + b2
        a2 = sigmoid(z2)
        # backward, as the original: err * sigma'(z), summed over rows, divided by m at the update
        z2_grad = (a2 - Y) * a2 * (1 - a2)
        w2_grad = a1.T @ z2_grad
        b2_grad = z2_grad.sum(axis=0, keepdims=True)
        z1_grad = (z2_grad * w2.T) * a1 * (1 - a1)
        w1_grad = X.T @ z1_grad
        b1_grad = z1_grad.sum(axis=0, keepdims=True)
        w2 -= lr * w2_grad / m
        b2 -= lr * b2_grad / m
        w1 -= lr * w1_grad / m
        b1 -= lr * b1_grad / m
    out = sigmoid(sigmoid(X @ w1 + b1) @ w2 + b2)
    return out


def train_batched(h, seeds, epochs=40000, lr=0.1):
    """train() for many seeds at once: a leading seed axis S on every array."""
    w1, w2 = [], []
    for seed in seeds:
        np.random.seed(seed)
        w1.append(np.random.randn(2, h))
        w2.append(np.random.randn(h, 1))
    w1, w2 = np.array(w1), np.array(w2)          # w1 [S, 2, h], w2 [S, h, 1]
    b1 = np.zeros((len(seeds), 1, h))            # [S, 1, h]
    b2 = np.zeros((len(seeds), 1, 1))            # [S, 1, 1]
    m = X.shape[0]
    for _ in range(epochs):
        a1 = sigmoid(X @ w1 + b1)                # [S, m, h]
        a2 = sigmoid(a1 @ w2 + b2)               # [S, m, 1]
        z2_grad = (a2 - Y) * a2 * (1 - a2)       # [S, m, 1]
        w2_grad = a1.transpose(0, 2, 1) @ z2_grad
        b2_grad = z2_grad.sum(axis=1, keepdims=True)
        z1_grad = (z2_grad * w2.transpose(0, 2, 1)) * a1 * (1 - a1)
        w1_grad = X.T @ z1_grad
        b1_grad = z1_grad.sum(axis=1, keepdims=True)
        w2 -= lr * w2_grad / m
        b2 -= lr * b2_grad / m
        w1 -= lr * w1_grad / m
        b1 -= lr * b1_grad / m
    out = sigmoid(sigmoid(X @ w1 + b1) @ w2 + b2)
    return np.all((out >= 0.5) == (Y >= 0.5), axis=(1, 2))


def main():
    if "--seeds" in sys.argv:
        count = int(sys.argv[sys.argv.index("--seeds") + 1])
        for h in (2, 3):
            solved = train_batched(h, list(range(1, count + 1)))
            print(f"numpy xor hidden {h}: solved {int(solved.sum())}/{count} within 40000 epochs")
        return
    for h in (2, 3):
        solved = [s for s in range(1, 21) if np.all((train(h, s) >= 0.5) == (Y >= 0.5))]
        print(f"numpy xor hidden {h}: solved {len(solved)}/20 within 40000 epochs; seeds {solved}")
    if "--time" in sys.argv:
        for h in (2, 3):
            start = time.perf_counter()
            train(h, 1)
            elapsed = time.perf_counter() - start
            print(f"numpy xor hidden {h}: 40000 epochs in {elapsed:.3f} s, {40000 / elapsed:.0f} epochs/s")


if __name__ == "__main__":
    main()
