#!/usr/bin/python3
"""Writes the numpy-made fixtures that advtrain's data tests read (src/test/resources/fixtures/data/).

Run with Debian's numpy (apt-get install python3-numpy): /usr/bin/python3 tools/make-data-fixtures.py
The tests recompute every value from the formulas below, so keep them in step with NpyFixturesTest.

  shape (2, 3, 4); C-order flat index i = 0..23
  f8: (i - 5) / 3            f4: float32((i - 5) / 3)
  i8: (i - 5) * 1000000007 * 1000    i4: (i - 5) * 100000007    i2: (i - 5) * 1001
  u1: (i * 37) % 256         u2: (i * 2731) % 65536             b1: i % 3 == 0
Files: {code}_{le|be}_{c|f}.npy (1-byte types: {code}_c.npy / {code}_f.npy), each the same logical array;
arrays_stored.npz (np.savez) and arrays_deflated.npz (np.savez_compressed) with x = f8 (5, 3) = (i - 7) / 4,
y = int64 [0, 1, 2, 1, 0] and meta.json = the 0-d string META; unicode_scalar.npy = np.array(META).
"""
import os
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "fixtures", "data")
META = '{"kind": "deep", "width": 64, "note": "\u00e9\u4e2d\U0001F600"}'


def values(code):
    i = np.arange(24, dtype=np.int64)
    if code == "f8":
        return (i - 5) / 3.0
    if code == "f4":
        return ((i - 5) / 3.0).astype(np.float32)
    if code == "i8":
        return (i - 5) * 1000000007 * 1000
    if code == "i4":
        return ((i - 5) * 100000007).astype(np.int32)
    if code == "i2":
        return ((i - 5) * 1001).astype(np.int16)
    if code == "u1":
        return ((i * 37) % 256).astype(np.uint8)
    if code == "u2":
        return ((i * 2731) % 65536).astype(np.uint16)
    if code == "b1":
        return i % 3 == 0
    raise ValueError(code)


def main():
    os.makedirs(OUT, exist_ok=True)
    for code in ["f8", "f4", "i8", "i4", "i2", "u1", "u2", "b1"]:
        base = values(code).reshape(2, 3, 4)
        orders = [""] if base.dtype.itemsize == 1 else ["le", "be"]
        for bo in orders:
            a = base if bo != "be" else base.astype(base.dtype.newbyteorder(">"))
            if bo == "le":
                a = a.astype(base.dtype.newbyteorder("<"))
            for layout in ["c", "f"]:
                arr = np.ascontiguousarray(a) if layout == "c" else np.asfortranarray(a)
                name = f"{code}_{bo}_{layout}.npy" if bo else f"{code}_{layout}.npy"
                np.save(os.path.join(OUT, name), arr)
    x = ((np.arange(15) - 7) / 4.0).reshape(5, 3)
    y = np.array([0, 1, 2, 1, 0], dtype=np.int64)
    np.savez(os.path.join(OUT, "arrays_stored.npz"), x=x, y=y, **{"meta.json": np.array(META)})
    np.savez_compressed(os.path.join(OUT, "arrays_deflated.npz"), x=x, y=y, **{"meta.json": np.array(META)})
    np.save(os.path.join(OUT, "unicode_scalar.npy"), np.array(META))


if __name__ == "__main__":
    main()
