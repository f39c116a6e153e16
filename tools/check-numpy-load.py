#!/usr/bin/python3
"""Loads .npy/.npz files with numpy (Debian python3-numpy) and prints what numpy sees: the manual check
that files written by advtrain.data.Npy/Npz load with np.load without allow_pickle.

  tools/advtrain data digits --out /tmp/d.npz && /usr/bin/python3 tools/check-numpy-load.py /tmp/d.npz
"""
import sys
import numpy as np


def show(name, a):
    text = str(a) if a.dtype.kind == "U" else f"min {a.min() if a.size else '-'} max {a.max() if a.size else '-'}"
    print(f"{name}: dtype {a.dtype.str} shape {a.shape} {'F' if a.flags['F_CONTIGUOUS'] and a.ndim > 1 else 'C'}-order  {text}")


def main(paths):
    for p in paths:
        loaded = np.load(p, allow_pickle=False)
        if isinstance(loaded, np.lib.npyio.NpzFile):
            for k in loaded.files:
                show(f"{p}[{k}]", loaded[k])
        else:
            show(p, loaded)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
