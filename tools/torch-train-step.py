#!/usr/bin/env python3
"""One adversarial training step of the paper's deep ReLU net in PyTorch (float64), timed like
`advtrain bench train-step`: x0 = A x (A fixed), x_h = relu(W_h x_{h-1}) for h = 1..H (trained),
f = a x_H (a fixed, k x m). PGD l-inf, eps 8/255, step 2.5*eps/steps, random start, returning per sample the
iterate with the highest loss (start and last iterate included: one forward more than steps) as advtrain's PGD
does; a clean forward for the metrics; the forward and backward at the attacked points; a plain SGD step.
Prints one line: samples/s. Used by tools/compare-torch (which picks the thread settings)."""
import argparse
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("--d", type=int, default=784)
p.add_argument("--width", type=int, default=1024)
p.add_argument("--depth", type=int, default=2)
p.add_argument("--batch", type=int, default=128)
p.add_argument("--attack-steps", type=int, default=10)
p.add_argument("--classes", type=int, default=10)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--seconds", type=float, default=3.0)
args = p.parse_args()

torch.set_num_threads(args.threads)
torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(1)
d, m, H, B, S = args.d, args.width, args.depth, args.batch, args.attack_steps
k = 1 if args.classes == 2 else args.classes
A = torch.randn(m, d, generator=g) * (2.0 / m) ** 0.5
W = [(torch.randn(m, m, generator=g) * (2.0 / m) ** 0.5).requires_grad_() for _ in range(H)]
a = torch.randn(k, m, generator=g)
x = torch.randn(B * 4, d, generator=g) / d ** 0.5
if k == 1:
    y = (torch.randint(0, 2, (B * 4,), generator=g) * 2 - 1).double()
else:
    y = torch.randint(0, k, (B * 4,), generator=g)
eps = 8.0 / 255.0
step = 2.5 * eps / S


def f(xb):
    h = xb @ A.T
    for w in W:
        h = torch.relu(h @ w.T)
    return h @ a.T


def sample_losses(out, yb):
    if k == 1:
        return torch.nn.functional.softplus(-yb * out[:, 0])
    return torch.nn.functional.cross_entropy(out, yb, reduction="none")


def loss_fn(out, yb):
    return sample_losses(out, yb).sum()


def keep_best(xa, losses, best, best_loss):
    better = losses > best_loss
    return torch.where(better[:, None], xa, best), torch.where(better, losses, best_loss)


def train_step(i):
    lo = (i % 4) * B
    xb, yb = x[lo:lo + B], y[lo:lo + B]
    for w in W:
        w.requires_grad_(False)
    xa = (xb + (torch.rand(xb.shape, generator=g) * 2 - 1) * eps).detach()
    best, best_loss = xa, torch.full((B,), -float("inf"))
    for _ in range(S):
        xa.requires_grad_(True)
        losses = sample_losses(f(xa), yb)
        gx, = torch.autograd.grad(losses.sum(), xa)
        xa = xa.detach()
        best, best_loss = keep_best(xa, losses.detach(), best, best_loss)
        xa = torch.min(torch.max(xa + step * gx.sign(), xb - eps), xb + eps)
    with torch.no_grad():
        best, best_loss = keep_best(xa, sample_losses(f(xa), yb), best, best_loss)
    xa = best
    with torch.no_grad():
        loss_fn(f(xb), yb)  # clean metrics, as the Java trainer computes them
    for w in W:
        w.requires_grad_(True)
    loss = loss_fn(f(xa), yb) / B
    grads = torch.autograd.grad(loss, W)
    with torch.no_grad():
        for w, gw in zip(W, grads):
            w -= 1e-3 * gw


end = time.perf_counter() + max(2.0, args.seconds)
i = 0
while time.perf_counter() < end or i < 3:
    train_step(i)
    i += 1
t0 = time.perf_counter()
end = t0 + args.seconds
reps = 0
while True:
    train_step(reps)
    reps += 1
    t = time.perf_counter()
    if t >= end:
        break
print(f"{reps * B / (t - t0):.1f}")
