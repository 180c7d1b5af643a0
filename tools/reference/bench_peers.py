"""Peer timings for nv-bench-cnn: the default CNN in PyTorch (CPU; 2 threads as asked, then 1 thread),
torch.compile (inference), and JAX (a jitted step, and a whole epoch of steps compiled into one
lax.scan, the fastest way to run JAX on CPU), same workloads.

Prints one JSON object per line: {"peer", "workload", "images_per_second"}. Workloads:
training steps of batch 32 at 14x14 and 28x28 (Adam lr 0.01, cross-entropy, the default
layers), inference at 14x14 with batch 1 and batch 256.

    /work/venv-ref/bin/python tools/reference/bench_peers.py [--seconds 2]
"""
import argparse
import json
import time

import numpy as np
import torch
from torch import nn


def layers(size):
    flat = 16 * ((((size - 2) // 2) - 2) // 2) ** 2
    return nn.Sequential(
        nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Flatten(), nn.Linear(flat, 128), nn.ReLU(), nn.Linear(128, 10))


def timed(fn, seconds, per_call):
    """Images per second (wall clock) and CPU microseconds per call (all threads)."""
    for _ in range(20):
        fn()
    calls, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        for _ in range(16):
            fn()
        calls += 16
    wall = time.perf_counter() - start
    return calls * per_call / wall, 1e6 * (time.process_time() - cpu) / calls


def report(peer, workload, result):
    ips, cpu = result
    print(json.dumps({"peer": peer, "workload": workload, "images_per_second": ips,
                      "cpu_us_per_call": cpu}), flush=True)


def torch_peer(seconds, threads):
    torch.set_num_threads(threads)
    peer = f"pytorch-{threads}t"
    torch.manual_seed(0)
    for size in (14, 28):
        model = layers(size)
        opt = torch.optim.Adam(model.parameters(), lr=0.01)
        loss_fn = nn.CrossEntropyLoss()
        x = torch.rand(32, 1, size, size)
        y = torch.randint(0, 10, (32,))

        def step():
            opt.zero_grad(set_to_none=True)
            loss_fn(model(x), y).backward()
            opt.step()
        report(peer, f"train {size}x{size} b32", timed(step, seconds, 32))
    model = layers(14).eval()
    for batch in (1, 256):
        x = torch.rand(batch, 1, 14, 14)

        def infer():
            with torch.inference_mode():
                torch.softmax(model(x), 1)
        report(peer, f"infer 14x14 b{batch}", timed(infer, seconds / 2, batch))


def torch_compiled_peer(seconds):
    """Inference through torch.compile (inductor), 2 threads: PyTorch's fastest CPU path."""
    torch.set_num_threads(2)
    torch.manual_seed(0)
    model = layers(14).eval()
    compiled = torch.compile(lambda x: torch.softmax(model(x), 1))
    for batch in (1, 256):
        x = torch.rand(batch, 1, 14, 14)

        def infer():
            with torch.inference_mode():
                compiled(x)
        report("torch.compile", f"infer 14x14 b{batch}", timed(infer, seconds / 2, batch))


def jax_peer(seconds):
    """The same network in JAX: Adam written out (as torch.optim.Adam), NCHW convolutions."""
    import jax
    import jax.numpy as jnp
    from jax import lax

    def init(key, size):
        flat = 16 * ((((size - 2) // 2) - 2) // 2) ** 2
        shapes = [(8, 1, 3, 3), (8,), (16, 8, 3, 3), (16,), (128, flat), (128,), (10, 128), (10,)]
        keys = jax.random.split(key, len(shapes))
        return [0.1 * jax.random.normal(k, s, jnp.float32) for k, s in zip(keys, shapes)]

    def conv(x, w, b):
        y = lax.conv_general_dilated(x, w, (1, 1), "VALID", dimension_numbers=("NCHW", "OIHW", "NCHW"))
        return y + b[None, :, None, None]

    def pool(x):
        return lax.reduce_window(x, -jnp.inf, lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")

    def logits(p, x):
        x = pool(jax.nn.relu(conv(x, p[0], p[1])))
        x = pool(jax.nn.relu(conv(x, p[2], p[3])))
        x = x.reshape(x.shape[0], -1)
        x = jax.nn.relu(x @ p[4].T + p[5])
        return x @ p[6].T + p[7]

    def loss(p, x, y):
        z = logits(p, x)
        return jnp.mean(jax.nn.logsumexp(z, axis=1) - jnp.take_along_axis(z, y[:, None], axis=1)[:, 0])

    def adam(state, x, y):
        p, m, v, t = state
        g = jax.grad(loss)(p, x, y)
        t = t + 1
        m = [0.9 * a + 0.1 * b for a, b in zip(m, g)]
        v = [0.999 * a + 0.001 * b * b for a, b in zip(v, g)]
        c1, c2 = 1 - 0.9 ** t, 1 - 0.999 ** t
        p = [w - 0.01 * (a / c1) / (jnp.sqrt(b / c2) + 1e-8) for w, a, b in zip(p, m, v)]
        return (p, m, v, t)

    step = jax.jit(adam)

    @jax.jit
    def epoch(state, xs, ys):
        return lax.scan(lambda s, xy: (adam(s, *xy), None), state, (xs, ys))[0]

    key = jax.random.PRNGKey(0)
    steps = 64
    for size in (14, 28):
        p = init(key, size)
        state = (p, [jnp.zeros_like(w) for w in p], [jnp.zeros_like(w) for w in p], 0.0)
        xs = jax.random.uniform(key, (steps, 32, 1, size, size), jnp.float32)
        ys = jax.random.randint(key, (steps, 32), 0, 10)
        holder = [state]

        def one():
            holder[0] = step(holder[0], xs[0], ys[0])
            jax.block_until_ready(holder[0][0])
        report("jax-jit", f"train {size}x{size} b32", timed(one, seconds, 32))

        def whole():
            holder[0] = epoch(holder[0], xs, ys)
            jax.block_until_ready(holder[0][0])
        report("jax-epoch", f"train {size}x{size} b32", timed(whole, seconds, 32 * steps))
    p = init(key, 14)
    forward = jax.jit(lambda p, x: jax.nn.softmax(logits(p, x), axis=1))
    for batch in (1, 256):
        x = jax.random.uniform(key, (batch, 1, 14, 14), jnp.float32)
        report("jax-jit", f"infer 14x14 b{batch}", timed(lambda: jax.block_until_ready(forward(p, x)), seconds / 2, batch))


def guarded(name, run):
    """Runs one peer; a peer that cannot run here prints why instead of stopping the others."""
    try:
        run()
    except Exception as error:  # noqa: BLE001 - any failure of an optional peer is reported, not fatal
        print(f"{name}: not measured ({type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''})", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    for threads in (2, 1):
        torch_peer(args.seconds, threads)
    guarded("torch.compile", lambda: torch_compiled_peer(args.seconds))
    guarded("jax", lambda: jax_peer(args.seconds))
