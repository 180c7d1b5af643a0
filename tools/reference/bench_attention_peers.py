"""Peer timings for nv-bench-attention steps: the same transformer (dim 32, 2 heads, 1 layer,
context 16, MLP, vocab 10) trained with Adam on batches of 64 sequences of 16 tokens, in PyTorch
eager (2 threads) and torch.compile. Prints steps per second by wall clock and by process CPU
time (steadier on a shared machine).

    /work/venv-ref/bin/python tools/reference/bench_attention_peers.py [--seconds 3]
"""
import argparse
import time

import torch
import torch.nn.functional as F

from check_attention import Transformer


def timed(step, seconds):
    for _ in range(20):
        step()
    steps, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        step()
        steps += 1
    return steps / (time.perf_counter() - start), steps / (time.process_time() - cpu)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3)
    args = parser.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    tokens = torch.randint(0, 10, (64, 16))
    targets = tokens.flip(1)
    for name in ("eager", "compile"):
        model = Transformer(10, 32, 2, 1, 16, False, True)
        optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)

        def loss_and_backward():
            logits, _ = model(tokens)
            loss = F.cross_entropy(logits.reshape(-1, 10), targets.reshape(-1))
            loss.backward()
            return loss

        run = torch.compile(loss_and_backward) if name == "compile" else loss_and_backward

        def step():
            optimizer.zero_grad(set_to_none=True)
            run()
            optimizer.step()

        wall, cpu = timed(step, args.seconds)
        print(f"torch {torch.__version__} {name} (2 threads): {wall:.0f} steps/s wall, {cpu:.0f} steps per CPU second")


if __name__ == "__main__":
    main()
