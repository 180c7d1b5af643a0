"""Peer timings for nv-bench-cnn: the default CNN in PyTorch (CPU; 2 threads as asked, then 1 thread), same workloads.

Prints one JSON object per line: {"peer", "workload", "images_per_second"}. Workloads:
training steps of batch 32 at 14x14 and 28x28 (Adam lr 0.01, cross-entropy, the default
layers), inference at 14x14 with batch 1 and batch 256.

    /work/venv-cnn/bin/python tools/reference/bench_peers.py [--seconds 2]
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


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    for threads in (2, 1):
        torch_peer(args.seconds, threads)
