#!/usr/bin/python3
"""Writes the PyTorch-made reference fixtures that advtrain's model tests read
(src/test/resources/fixtures/model/*.npz). An independent implementation: the networks of the paper's
equations (1) and (4) written directly in torch (float64), gradients by autograd.

Run with Debian's torch and numpy (apt-get install python3-torch python3-numpy):
    /usr/bin/python3 tools/make-model-fixtures.py

Every fixture holds the network's arrays, a batch x of B rows on the unit sphere, labels y, the loss name,
and what the tests compare to 1e-10: the outputs f (B x k), the gradient of the summed loss
L = sum_b l(f(x_b), y_b) with respect to the trainable weights, and dL/dx (B x d).
  deep_*.npz       A (m x d), W1..WH (m x m), a (k x m, or m for k = 1); gradients gW1..gWH
  two_*.npz        W (m x d), a (k x m, signs +-1 with a[:, m/2:] = -a[:, :m/2]); gradient gW; scale 1/sqrt(m)
  numpy_model_deep.npz, numpy_model_two.npz   model files in advtrain's format written by numpy (np.savez with
                   a 0-d string meta.json), which the model-file tests must read
Weights are drawn near the paper's initialisation and moved off it (so the two-layer f is not 0); inputs are
redrawn until every pre-activation is at least 1e-3 from 0 (away from ReLU kinks).
"""
import json
import os
import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "fixtures", "model")
MARGIN = 1e-3


def loss_sum(name, f, y):
    if name == "logistic":
        return F.softplus(-y.double() * f[:, 0]).sum()
    if name == "square":
        t = y.double().unsqueeze(1) if f.shape[1] == 1 else F.one_hot(y, f.shape[1]).double()
        return 0.5 * ((f - t) ** 2).sum()
    if name == "cross-entropy":
        return F.cross_entropy(f, y, reduction="sum")
    raise ValueError(name)


def act(name, z):
    return {
        "relu": F.relu,
        "softplus": F.softplus,  # torch's threshold (20) is never reached here: |z| < 10
        "tanh": torch.tanh,
        "sigmoid": torch.sigmoid,
        "gelu": lambda t: F.gelu(t, approximate="tanh"),
        "quadratic-relu": lambda t: F.relu(t) ** 2,
    }[name](z)


def sphere(rng, b, d):
    x = rng.standard_normal((b, d))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def labels(rng, b, k):
    return rng.choice([-1, 1], size=b) if k == 1 else rng.integers(0, k, size=b)


def deep(name, seed, d, m, depth, k, loss, batch=4):
    rng = np.random.default_rng(seed)
    A = rng.normal(0, np.sqrt(2 / m), (m, d))
    Ws = [rng.normal(0, np.sqrt(2 / m), (m, m)) * 1.3 for _ in range(depth)]
    a = rng.normal(0, 1, (k, m))
    while True:
        x = sphere(rng, batch, d)
        h = x @ A.T
        pres = []
        for W in Ws:
            pre = h @ W.T
            pres.append(pre)
            h = np.maximum(pre, 0)
        if min(np.abs(p).min() for p in pres) >= MARGIN:
            break
    y = labels(rng, batch, k)
    tx = torch.tensor(x, requires_grad=True)
    tW = [torch.tensor(W, requires_grad=True) for W in Ws]
    h = tx @ torch.tensor(A).T
    for W in tW:
        h = torch.relu(h @ W.T)
    f = h @ torch.tensor(a).T
    L = loss_sum(loss, f, torch.tensor(y))
    L.backward()
    arrays = {"A": A, "a": a[0] if k == 1 else a, "x": x, "y": y.astype(np.int64), "loss": np.array(loss),
              "f": f.detach().numpy(), "gx": tx.grad.numpy(), "L": np.array(L.item())}
    for i, (W, t) in enumerate(zip(Ws, tW), start=1):
        arrays[f"W{i}"] = W
        arrays[f"gW{i}"] = t.grad.numpy()
    np.savez(os.path.join(OUT, name + ".npz"), **arrays)


def two_layer(name, seed, d, m, k, activation, loss, batch=4):
    rng = np.random.default_rng(seed)
    half = m // 2
    w = rng.standard_normal((half, d))
    W = np.concatenate([w, w]) + rng.normal(0, 0.3, (m, d))
    signs = rng.choice([-1.0, 1.0], size=(k, half))
    a = np.concatenate([signs, -signs], axis=1)
    while True:
        x = sphere(rng, batch, d)
        if np.abs(x @ W.T).min() >= MARGIN:
            break
    y = labels(rng, batch, k)
    tx = torch.tensor(x, requires_grad=True)
    tW = torch.tensor(W, requires_grad=True)
    post = act(activation, tx @ tW.T)
    f = (post @ torch.tensor(a).T) / np.sqrt(m)  # equation (4) summed directly, not in the paired form
    L = loss_sum(loss, f, torch.tensor(y))
    L.backward()
    np.savez(os.path.join(OUT, name + ".npz"), W=W, a=a, x=x, y=y.astype(np.int64), loss=np.array(loss),
             activation=np.array(activation), f=f.detach().numpy(), gx=tx.grad.numpy(), gW=tW.grad.numpy(),
             L=np.array(L.item()))


def model_files():
    rng = np.random.default_rng(30)
    d, m, depth, k = 3, 4, 2, 2
    arrays = {"A": rng.standard_normal((m, d))}
    for h in range(1, depth + 1):
        arrays[f"W{h}"] = rng.standard_normal((m, m))
    arrays["a"] = rng.standard_normal((k, m))
    for h in range(1, depth + 1):
        arrays[f"W{h}_init"] = rng.standard_normal((m, m))
    arrays["meta.json"] = np.array(json.dumps({"kind": "deep", "m": m, "d": d, "H": depth, "k": k,
                                               "activation": "relu", "seed": 12345678901, "version": "0.1.0"}))
    np.savez(os.path.join(OUT, "numpy_model_deep.npz"), **arrays)
    half = 3
    signs = rng.choice([-1.0, 1.0], size=half)
    np.savez(os.path.join(OUT, "numpy_model_two.npz"), W=rng.standard_normal((2 * half, d)),
             W_init=rng.standard_normal((2 * half, d)), a=np.concatenate([signs, -signs]),
             **{"meta.json": np.array(json.dumps({"version": "0.1.0", "kind": "two-layer", "m": 2 * half, "d": d,
                                                  "H": 1, "k": 1, "activation": "gelu", "seed": -5}))})


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_default_dtype(torch.float64)
    deep("deep_logistic", 1, d=5, m=8, depth=2, k=1, loss="logistic")
    deep("deep_cross_entropy", 2, d=6, m=9, depth=3, k=4, loss="cross-entropy")
    deep("deep_square", 3, d=4, m=7, depth=1, k=3, loss="square")
    for i, act_name in enumerate(["relu", "softplus", "tanh", "sigmoid", "gelu", "quadratic-relu"]):
        two_layer("two_" + act_name.replace("-", "_"), 10 + i, d=5, m=10, k=3, activation=act_name,
                  loss="cross-entropy")
    two_layer("two_tanh_logistic", 20, d=6, m=12, k=1, activation="tanh", loss="logistic")
    two_layer("two_softplus_square", 21, d=3, m=8, k=1, activation="softplus", loss="square")
    model_files()


if __name__ == "__main__":
    main()
