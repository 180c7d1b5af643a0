"""Cross-checks nv's attention family against PyTorch.

    swift build -c release --product nv-bench-attention
    /work/venv-ref/bin/python tools/reference/check_attention.py [.build/release/nv-bench-attention]

nv-bench-attention export writes, for three shapes (reverse: 1 layer, 2 heads, MLP, no mask;
text: 2 layers, 4 heads, causal; nomlp: 2 layers, 3 heads, no MLP), a checkpoint, 100 held-out sequences with nv's logits and per-head attention weights, and the
gradients of a batch of 64 and the checkpoint after one Adam step on it (lr 3e-3, a fresh
optimizer). The checkpoints are trained for 60 steps.

This script builds the same transformer from torch.nn modules (nn.Embedding, nn.LayerNorm,
nn.MultiheadAttention(batch_first=True), nn.Linear, nn.ReLU), loads the nv checkpoint with
load_state_dict(strict=True), and checks that
  - the logits and the attention weights (need_weights=True, average_attn_weights=False) on
    the 100 sequences agree with nv's to 1e-4, and
  - the gradients of F.cross_entropy(ignore_index=-1) on the same batch agree with nv's to
    1e-5, and one torch.optim.Adam step (lr 3e-3, betas 0.9/0.999, eps 1e-8) from the same
    weights gives nv's parameters to 1e-5 wherever |gradient| >= 1e-6 (below that Adam's first
    step lr*g/(|g|+eps) magnifies rounding up to lr: those values, chiefly the key bias whose
    gradient is exactly 0 in exact arithmetic, are checked through their gradients).
Exits non-zero on any mismatch.
"""
import json
import os
import subprocess
import sys
import tempfile

import torch
from safetensors.torch import load_file
from safetensors import safe_open
from torch import nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, dim, heads, mlp):
        super().__init__()
        self.ln1 = nn.LayerNorm(dim)
        self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.has_mlp = mlp
        if mlp:
            self.ln2 = nn.LayerNorm(dim)
            self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.ReLU(), nn.Linear(4 * dim, dim))

    def forward(self, x, mask):
        a = self.ln1(x)
        out, weights = self.attn(a, a, a, attn_mask=mask, need_weights=True, average_attn_weights=False)
        x = x + out
        if self.has_mlp:
            x = x + self.mlp(self.ln2(x))
        return x, weights


class Transformer(nn.Module):
    """The module whose state dict nv's attention checkpoints are (pre-norm blocks)."""

    def __init__(self, vocab, dim, heads, layers, context, causal, mlp):
        super().__init__()
        self.causal = causal
        self.tok_emb = nn.Embedding(vocab, dim)
        self.pos_emb = nn.Embedding(context, dim)
        self.blocks = nn.ModuleList(Block(dim, heads, mlp) for _ in range(layers))
        self.ln_f = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, vocab)

    def forward(self, tokens):
        T = tokens.shape[1]
        x = self.tok_emb(tokens) + self.pos_emb(torch.arange(T))
        mask = torch.triu(torch.ones(T, T, dtype=torch.bool), 1) if self.causal else None
        maps = []
        for block in self.blocks:
            x, w = block(x, mask)
            maps.append(w)
        return self.head(self.ln_f(x)), torch.stack(maps, 1)   # [B, T, V], [B, layers, heads, T, T]


def load(path):
    with safe_open(path, "pt") as f:
        meta = f.metadata()
    c = json.loads(meta["config"])
    model = Transformer(c["vocab"], c["dim"], c["heads"], c["layers"], c["context"], c["causal"], c["mlp"])
    model.load_state_dict(load_file(path), strict=True)
    return model, c


def check(directory, name):
    model, c = load(os.path.join(directory, name + ".safetensors"))
    expected = load_file(os.path.join(directory, name + ".expected.safetensors"))
    tokens = expected["tokens"].long()
    with torch.no_grad():
        logits, weights = model(tokens)
    dl = (logits - expected["logits"]).abs().max().item()
    dw = (weights - expected["weights"]).abs().max().item()
    ok = dl <= 1e-4 and dw <= 1e-4
    print(f"{name}: dim {c['dim']}, {c['heads']} heads, {c['layers']} layers, causal {c['causal']}, mlp {c['mlp']}, "
          f"vocab {c['vocab']}: {tokens.shape[0]} sequences of {tokens.shape[1]}: "
          f"max |logits - nv| = {dl:.2e}, max |weights - nv| = {dw:.2e}")

    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3, betas=(0.9, 0.999), eps=1e-8)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    logits, _ = model(expected["batch_tokens"].long())
    loss = F.cross_entropy(logits.reshape(-1, c["vocab"]), expected["batch_targets"].long().reshape(-1), ignore_index=-1)
    optimizer.zero_grad()
    loss.backward()
    grads = {k: p.grad.detach().clone() for k, p in model.named_parameters()}
    optimizer.step()
    nv_grads = load_file(os.path.join(directory, name + ".gradients.safetensors"))
    after = load_file(os.path.join(directory, name + ".after_adam.safetensors"))
    state = model.state_dict()
    worst_g, where_g = max(((grads[k] - v).abs().max().item(), k) for k, v in nv_grads.items())
    # Adam's first step is lr * g / (|g| + eps): where |g| is near eps = 1e-8 it turns the
    # rounding of a gradient into a step of up to lr. The key bias's gradient is exactly 0 in
    # exact arithmetic (a softmax does not change when every score of a row moves together), so
    # both sides step on rounding noise there. Entries with |g| < 1e-6 are therefore compared
    # through their gradients (above), not their steps, and counted here.
    worst, where, skipped, total, noisy = 0.0, "", 0, 0, 0.0
    skipped_in = set()
    for key, value in after.items():
        small = grads[key].abs() < 1e-6
        skipped += int(small.sum())
        total += small.numel()
        if small.any():
            skipped_in.add(key)
        diff = (state[key] - value).abs()
        d = torch.where(small, torch.zeros_like(value), diff).max().item()
        noisy = max(noisy, torch.where(small, diff, torch.zeros_like(value)).max().item())
        if d > worst:
            worst, where = d, key
        assert (before[key] - value).abs().max() > 0 or small.all(), key
    print(f"{name}: gradients of the batch loss ({loss.item():.4f}): max |grad - nv| = {worst_g:.2e} ({where_g})")
    print(f"{name}: one Adam step: max |parameter - nv| = {worst:.2e} ({where}) over {total - skipped} of {total} values; "
          f"{skipped} with |grad| < 1e-6 compared by gradient only (their steps differ by up to {noisy:.1e}; in "
          f"{', '.join(sorted(skipped_in)) or 'none'})")
    return ok and worst <= 1e-5 and worst_g <= 1e-5


def main():
    tool = sys.argv[1] if len(sys.argv) > 1 else ".build/release/nv-bench-attention"
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run([tool, "export", directory], check=True, stdout=subprocess.DEVNULL)
        results = [check(directory, name) for name in ("reverse", "text", "nomlp")]
    print("all agree" if all(results) else "MISMATCH")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
