"""Offline fusion lab over the dump written by EmbeddingDump.java (tuning aid, not part of the product).
python3 fusion_lab.py /tmp/lab"""
import sys, numpy as np
d = sys.argv[1]
ids = open(f"{d}/ids.txt").read().split("\n")[:-1] if open(f"{d}/ids.txt").read().endswith("\n") else open(f"{d}/ids.txt").read().split("\n")
idx = {x: i for i, x in enumerate(ids)}
exp = [idx[l.split()[0]] for l in open(f"{d}/expected.txt").read().splitlines()]
nq = len(exp)
def load(name):
    a = np.fromfile(f"{d}/{name}.f32", dtype="<f4").reshape(-1, 512)
    return a / np.linalg.norm(a, axis=1, keepdims=True)
bm = np.zeros((nq, len(ids)), dtype=np.float32)
for i, line in enumerate(open(f"{d}/bm25.tsv").read().splitlines()):
    for tok in line.split():
        k, v = tok.rsplit(":", 1); bm[i, idx[k]] = float(v)
def metrics(S):
    order = np.argsort(-S, axis=1)[:, :10]
    r1 = r5 = mrr = 0
    for i in range(nq):
        w = np.where(order[i] == exp[i])[0]
        if len(w):
            r = w[0] + 1; r1 += r == 1; r5 += r <= 5; mrr += 1 / r
    return r1 / nq, r5 / nq, mrr / nq
res = []
for v in ["raw", "t2s", "dense"]:
    K = load("kb_" + v); Q = load("q_" + v)
    C = Q @ K.T
    print(v, "dense", "%.3f %.3f %.3f" % metrics(C))
    KK = K @ K.T; np.fill_diagonal(KK, -1)
    for k in [5, 10, 20]:
        rk = np.sort(KK, axis=1)[:, -k:].mean(axis=1)
        for a in [0.25, 0.5, 1.0]:
            print(v, f"csls k={k} a={a}", "%.3f %.3f %.3f" % metrics(C - a * rk[None, :] / 2))
    mx = bm.max(axis=1, keepdims=True); mx[mx == 0] = 1
    for b in [0.02, 0.04, 0.06, 0.08]:
        print(v, f"hyb max b={b}", "%.3f %.3f %.3f" % metrics((1 + C) / 2 + b * bm / mx))
