#!/usr/bin/python3
"""Writes the numpy-made reference values that advtrain's theory tests read
(src/test/resources/fixtures/theory/reference.npz).

Run with Debian's numpy (apt-get install python3-numpy): /usr/bin/python3 tools/make-theory-fixtures.py
  sym:        37 x 37 symmetric, A[i, j] = sin(i + 2 j) + sin(j + 2 i) + (i == j) * i / 10 (the test rebuilds it)
  sym_eig:    numpy.linalg.eigvalsh(sym) (LAPACK syevd), ascending
  gh{n}_nodes, gh{n}_weights for n = 5, 20, 60: numpy.polynomial.hermite_e.hermegauss(n) (probabilists'
              Hermite, weight exp(-z^2/2)), weights divided by sqrt(2 pi) so they sum to 1 (N(0, 1))
"""
import os
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "fixtures", "theory")


def main():
    os.makedirs(OUT, exist_ok=True)
    n = 37
    i = np.arange(n)[:, None].astype(np.float64)
    j = np.arange(n)[None, :].astype(np.float64)
    sym = np.sin(i + 2 * j) + np.sin(j + 2 * i) + np.eye(n) * np.arange(n) / 10.0
    arrays = {"sym": sym, "sym_eig": np.linalg.eigvalsh(sym)}
    for order in (5, 20, 60):
        x, w = np.polynomial.hermite_e.hermegauss(order)
        arrays["gh%d_nodes" % order] = x
        arrays["gh%d_weights" % order] = w / np.sqrt(2 * np.pi)
    np.savez(os.path.join(OUT, "reference.npz"), **arrays)


if __name__ == "__main__":
    main()
