"""Peer timings for nv-bench-attention steps (which runs this script and prints the ratios): the
same transformer (dim 32, 2 heads, 1 layer, context 16, MLP of width 128, vocab 10, no mask),
the same loss (F.cross_entropy over every position) and the same optimizer (torch.optim.Adam,
lr 3e-3), trained on batches of 64 sequences of 16 tokens, with 2 threads:

  eager          the module of check_attention.py, as it is (nn.MultiheadAttention returning
                 the per-head weights, as nv's model keeps them);
  eager-sdpa     the same module with need_weights=False, so nn.MultiheadAttention takes its
                 scaled_dot_product_attention path (the faster way to train it in PyTorch);
  compile        torch.compile of the forward and loss (compiled once, in the warm-up) with the
                 backward through AOTAutograd;
  compile-adam   the same and torch.compile of optimizer.step.

Each is warmed up for 20 steps before a timing of --seconds. Prints one JSON object per line:
peer, steps_per_second (wall clock), steps_per_cpu_second (process CPU time, all threads).

    /work/venv-ref/bin/python tools/reference/bench_attention_peers.py [--seconds 3] [--threads 2]
"""
import argparse
import json
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


def without_weights(model):
    """Makes every block call its attention with need_weights=False (weights come back None)."""
    for block in model.blocks:
        attn = block.attn
        forward = attn.forward

        def no_weights(q, k, v, attn_mask=None, need_weights=True, average_attn_weights=True, forward=forward):
            return forward(q, k, v, attn_mask=attn_mask, need_weights=False)

        attn.forward = no_weights
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--threads", type=int, default=2, help="torch threads (1: to compare with NV_THREADS=1 on a busy machine)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    tokens = torch.randint(0, 10, (64, 16))
    targets = tokens.flip(1)
    for name in ("eager", "eager-sdpa", "compile", "compile-adam"):
        model = Transformer(10, 32, 2, 1, 16, False, True)
        if name == "eager-sdpa":
            model = without_weights(model)
        optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)

        def loss_of(tokens, targets):
            logits = model(tokens)[0] if name != "eager-sdpa" else model.head(model.ln_f(blocks_only(model, tokens)))
            return F.cross_entropy(logits.reshape(-1, 10), targets.reshape(-1))

        forward = torch.compile(loss_of) if name.startswith("compile") else loss_of
        update = torch.compile(optimizer.step) if name == "compile-adam" else optimizer.step

        def step():
            optimizer.zero_grad(set_to_none=True)
            forward(tokens, targets).backward()
            update()

        wall, cpu = timed(step, args.seconds)
        print(json.dumps({"peer": f"torch {torch.__version__} {name}" + ("" if args.threads == 2 else f" ({args.threads} thread)"), "steps_per_second": wall,
                          "steps_per_cpu_second": cpu}), flush=True)


def blocks_only(model, tokens):
    """The stream after the blocks, with weights=None allowed (Transformer.forward stacks them)."""
    T = tokens.shape[1]
    x = model.tok_emb(tokens) + model.pos_emb(torch.arange(T))
    for block in model.blocks:
        x, _ = block(x, None)
    return x


if __name__ == "__main__":
    main()
