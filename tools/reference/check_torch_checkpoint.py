"""Cross-check an nv CNN checkpoint against PyTorch.

Builds the same layer list as a torch module whose `layers` attribute is an nn.Sequential,
loads the nv safetensors file with load_state_dict (strict), runs the first N official MNIST
test digits (mean-pooled to the model's input size, scaled to [0, 1], exactly as nv does) and
compares the logits with the ones nv prints (`nv-bench-cnn logits`). Exits 1 when the maximum
absolute difference exceeds 1e-4.

    /work/venv-ref/bin/python tools/reference/check_torch_checkpoint.py MODEL.safetensors \
        [--nv .build/release/nv-bench-cnn] [--count 100]
"""
import argparse
import gzip
import json
import os
import subprocess
import sys

import numpy as np
import torch
from torch import nn
from safetensors import safe_open
from safetensors.torch import load_file


def build(config):
    layers = []
    channels = config["in_channels"]
    for spec in config["layers"]:
        kind = spec["type"]
        if kind == "conv":
            layers.append(nn.Conv2d(channels, spec["out_channels"], spec["filter_size"],
                                    stride=spec["stride"], padding=spec["padding"]))
            channels = spec["out_channels"]
        elif kind == "maxpool":
            layers.append(nn.MaxPool2d(spec["filter_size"], spec["stride"]))
        elif kind == "avgpool":
            layers.append(nn.AvgPool2d(spec["filter_size"], spec["stride"]))
        elif kind == "flatten":
            layers.append(nn.Flatten())
        elif kind == "dense":
            layers.append(nn.LazyLinear(spec["out_features"]))
        elif kind == "relu":
            layers.append(nn.ReLU())
        elif kind == "sigmoid":
            layers.append(nn.Sigmoid())
        elif kind == "tanh":
            layers.append(nn.Tanh())
        elif kind == "dropout":
            layers.append(nn.Dropout(spec["rate"]))
        elif kind == "softmax":
            layers.append(nn.Softmax(dim=1))
        else:
            raise SystemExit(f"unknown layer type {kind}")
    module = nn.Module()
    module.layers = nn.Sequential(*layers)
    size = config["input_size"]
    module.layers(torch.zeros(1, config["in_channels"], size, size))  # materialise the lazy layers
    return module


def test_digits(data_dir, size, count):
    with gzip.open(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz"), "rb") as f:
        raw = f.read()
    assert int.from_bytes(raw[:4], "big") == 2051
    n, rows, cols = (int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(3))
    images = np.frombuffer(raw[16:], dtype=np.uint8).reshape(n, rows, cols)[:count].astype(np.float32) / 255
    factor = rows // size
    images = images.reshape(count, size, factor, size, factor).mean(axis=(2, 4), dtype=np.float32)
    return torch.from_numpy(np.ascontiguousarray(images.reshape(count, 1, size, size)))


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--nv", default=os.path.join(root, ".build/release/nv-bench-cnn"))
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--data", default=os.path.join(root, "data/mnist"))
    args = parser.parse_args()

    with safe_open(args.model, "pt") as f:
        config = json.loads(f.metadata()["config"])
    module = build(config)
    module.load_state_dict(load_file(args.model), strict=True)
    module.eval()
    sequential = module.layers
    if config["layers"][-1]["type"] == "softmax":
        sequential = sequential[:-1]  # compare logits
    with torch.no_grad():
        torch_logits = sequential(test_digits(args.data, config["input_size"], args.count)).numpy()

    out = subprocess.run([args.nv, "logits", "--model", args.model, "--count", str(args.count), "--data", args.data],
                         check=True, capture_output=True, text=True).stdout
    nv_logits = np.array(json.loads(out), dtype=np.float32)
    diff = float(np.abs(nv_logits - torch_logits).max())
    agree = int((nv_logits.argmax(1) == torch_logits.argmax(1)).sum())
    print(f"{args.count} test digits: max |nv - torch| logit difference {diff:.3g}; "
          f"same predicted class for {agree}/{args.count}")
    sys.exit(0 if diff <= 1e-4 else 1)


if __name__ == "__main__":
    main()
