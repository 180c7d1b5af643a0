"""Cross-checks nv's safetensors checkpoints against safetensors' own reader and PyTorch.

    swift build -c release --product nv-bench-runtime
    python3 tools/reference/check_safetensors.py [.build/release/nv-bench-runtime]

The nv tool writes an MLP (features x, y, x^2, xy, sin y; tanh; sigmoid output), an XOR network
and nv's predictions on 200 points. This script loads both files with
safetensors.numpy.load_file, runs the same layers twice -- in NumPy from the raw arrays, and as a
torch nn.Sequential after load_state_dict (when torch is installed) -- and compares the outputs
with nv's. Exits non-zero on any mismatch above 1e-5.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file

FEATURES = {
    "x": lambda p: p[:, 0], "y": lambda p: p[:, 1],
    "x2": lambda p: p[:, 0] ** 2, "y2": lambda p: p[:, 1] ** 2,
    "xy": lambda p: p[:, 0] * p[:, 1],
    "sinx": lambda p: np.sin(p[:, 0]), "siny": lambda p: np.sin(p[:, 1]),
}
ACT = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0),
       "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "linear": lambda z: z}


def numpy_forward(state, widths, activation, x):
    """Linear layers at even Sequential indices 0, 2, 4...; hidden activation, sigmoid last."""
    n = len(widths) - 1
    for k in range(n):
        w, b = state[f"layers.{2 * k}.weight"], state[f"layers.{2 * k}.bias"]  # w [out, in], b [out]
        x = x @ w.T + b
        x = ACT["sigmoid"](x) if k == n - 1 else ACT[activation](x)
    return x[:, 0]


def torch_forward(state, widths, activation, x):
    import torch
    from torch import nn
    act = {"tanh": nn.Tanh, "relu": nn.ReLU, "sigmoid": nn.Sigmoid, "linear": nn.Identity}[activation]
    modules = []
    for k in range(len(widths) - 1):
        modules.append(nn.Linear(widths[k], widths[k + 1]))
        modules.append(nn.Sigmoid() if k == len(widths) - 2 else act())

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.Sequential(*modules)

        def forward(self, inputs):
            return self.layers(inputs)

    net = Net()
    net.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()}, strict=True)
    with torch.no_grad():
        return net(torch.from_numpy(x.astype(np.float32))).numpy()[:, 0]


def main():
    tool = sys.argv[1] if len(sys.argv) > 1 else ".build/release/nv-bench-runtime"
    try:
        import torch  # noqa: F401
        have_torch = True
    except ImportError:
        have_torch = False
        print("torch not installed: checking with NumPy only")
    failures = 0
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run([tool, "export", directory], check=True)
        outputs = json.load(open(os.path.join(directory, "outputs.json")))
        points = np.array(outputs["points"], dtype=np.float32).reshape(-1, 2)
        for model in ("mlp", "xor"):
            path = os.path.join(directory, f"{model}.safetensors")
            state = load_file(path)
            with safe_open(path, framework="numpy") as f:
                config = json.loads(f.metadata()["config"])
            if model == "mlp":
                widths, activation = config["layers"], config["activation"]
                x = np.stack([FEATURES[name](points) for name in config["features"]], axis=1)
            else:
                widths, activation = [2, config["hidden"], 1], "sigmoid"
                x = points
            expected = np.array(outputs[model], dtype=np.float64)
            results = {"numpy": numpy_forward(state, widths, activation, x.astype(np.float64))}
            if have_torch:
                results["torch"] = torch_forward(state, widths, activation, x)
            for name, got in results.items():
                diff = float(np.max(np.abs(got - expected)))
                ok = diff <= 1e-5
                failures += not ok
                shapes = {k: list(v.shape) for k, v in state.items()}
                print(f"{model} via {name}: max |nv - {name}| = {diff:.2e} over {len(expected)} points "
                      f"{'OK' if ok else 'MISMATCH'}  {shapes}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
