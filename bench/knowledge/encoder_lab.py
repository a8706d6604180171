"""Offline encoder lab (tuning aid, not part of the product). Reads the dumps of EmbeddingDump (ids, expected, bm25,
kb_dense/q_dense = the shipped int8 model), ModelDump (kb_TAG/q_TAG for another ONNX file) and TokenDump
(tok_{kb,q}_q8 = last hidden states), and prints recall@1 / recall@5 / MRR@10 on all cases and on the two folds
(even / odd case index) for every experiment of docs/knowledge.md, session 2.
python3 encoder_lab.py /tmp/kn-s2/lab"""
import itertools, os, sys
import numpy as np

d = sys.argv[1]
ids = [x for x in open(f"{d}/ids.txt").read().split("\n") if x]
idx = {x: i for i, x in enumerate(ids)}
exp = np.array([idx[l.split()[0]] for l in open(f"{d}/expected.txt").read().splitlines()])
nq = len(exp)
folds = [np.arange(nq) % 2 == 0, np.arange(nq) % 2 == 1]


def load(name):
    a = np.fromfile(f"{d}/{name}.f32", dtype="<f4").reshape(-1, 512)
    return a / np.linalg.norm(a, axis=1, keepdims=True)


bm = np.zeros((nq, len(ids)), dtype=np.float32)
for i, line in enumerate(open(f"{d}/bm25.tsv").read().splitlines()):
    for tok in line.split():
        k, v = tok.rsplit(":", 1)
        bm[i, idx[k]] = float(v)
BONUS = bm / (bm + 20)


def ranks(S):
    return (S > S[np.arange(nq), exp][:, None]).sum(axis=1) + 1


def met(r, sel=None):
    r = r if sel is None else r[sel]
    return (r == 1).mean(), (r <= 5).mean(), np.where(r <= 10, 1 / r, 0).mean()


def show(name, S):
    r = ranks(S)
    print(f"{name:44s} all %.4f %.4f %.4f" % met(r), "| fold0 %.4f %.4f %.4f" % met(r, folds[0]),
          "| fold1 %.4f %.4f %.4f" % met(r, folds[1]))


def hub(K, k=20):
    KK = K @ K.T
    np.fill_diagonal(KK, -2)
    return np.sort(KK, axis=1)[:, -k:].mean(axis=1)


def prod(C, H, a=0.5, b=0.005):
    """The shipped ranking: (1 + cos - a*hub)/2 + b * bm25/(bm25+20)."""
    return (1 + C - a * H[None, :]) / 2 + b * BONUS


def has(*names):
    return all(os.path.exists(f"{d}/{n}.f32") for n in names)


K, Q = load("kb_dense"), load("q_dense")
C, H = Q @ K.T, hub(K)
show("shipped int8 dense", C)
show("shipped hybrid (CSLS + BM25 bonus)", prod(C, H))

for tag in ["fp32", "v1"]:  # other encoders: same model unquantised, bge-small-zh v1
    if has("kb_" + tag, "q_" + tag):
        K2, Q2 = load("kb_" + tag), load("q_" + tag)
        C2, H2 = Q2 @ K2.T, hub(K2)
        show(f"{tag} dense", C2)
        show(f"{tag} hybrid", prod(C2, H2))
        for w in [0.3, 0.5]:
            show(f"ensemble int8 + {tag} (w={w}) hybrid", prod((1 - w) * C + w * C2, (1 - w) * H + w * H2))

if has("q_instr"):  # bge retrieval instruction on the query side
    show("query instruction prefix, hybrid", prod(load("q_instr") @ K.T, H))

if has(*[f"q_drop{j}" for j in range(4)]):  # test-time augmentation: query + 4 one-character-deleted variants
    V = sum(load(f"q_drop{j}") for j in range(4)) / 4
    for w in [0.1, 0.3]:
        Qa = (1 - w) * Q + w * V
        Qa /= np.linalg.norm(Qa, axis=1, keepdims=True)
        show(f"char-drop TTA (w={w}) hybrid", prod(Qa @ K.T, H))

if has("tok_kb_q8", "tok_q_q8"):
    def tok(name):
        L = np.array([int(x) for x in open(f"{d}/tok_{name}.len").read().split()])
        A = np.fromfile(f"{d}/tok_{name}.f32", dtype="<f4").reshape(-1, 512)
        A /= np.linalg.norm(A, axis=1, keepdims=True)
        return A, L, np.concatenate([[0], np.cumsum(L)])
    KA, KL, Ko = tok("kb_q8")
    QA, QL, Qo = tok("q_q8")
    # mean pooling of the token states (CLS pooling is what the model was trained for)
    def meanpool(A, L, off):
        M = np.add.reduceat(A, off[:-1], axis=0) / L[:, None]
        return M / np.linalg.norm(M, axis=1, keepdims=True)
    Km, Qm = meanpool(KA, KL, Ko), meanpool(QA, QL, Qo)
    Cm, Hm = Qm @ Km.T, hub(Km)
    show("mean pooling hybrid", prod(Cm, Hm))
    show("CLS + mean pooling (0.2) hybrid", prod(0.8 * C + 0.2 * Cm, 0.8 * H + 0.2 * Hm))
    # late interaction (BERTScore-style MaxSim over inner tokens) re-ranking the top 30
    P = prod(C, H)
    top = np.argsort(-P, axis=1)[:, :30]
    rows = np.arange(nq)[:, None]
    fp, fr = np.zeros(P.shape, np.float32), np.zeros(P.shape, np.float32)
    for i in range(nq):
        q = QA[Qo[i] + 1:Qo[i + 1] - 1] if QL[i] > 2 else QA[Qo[i]:Qo[i] + 1]
        for j in top[i]:
            e = KA[Ko[j] + 1:Ko[j + 1] - 1] if KL[j] > 2 else KA[Ko[j]:Ko[j] + 1]
            S = q @ e.T
            fp[i, j], fr[i, j] = S.max(1).mean(), S.max(0).mean()
    base = np.full(P.shape, -9, np.float32)
    base[rows, top] = P[rows, top]
    for lam in [0.02, 0.05, 0.1, 0.2]:
        for name, f in [("P", fp), ("R", fr), ("F", 2 * fp * fr / np.maximum(fp + fr, 1e-9))]:
            S = base.copy()
            S[rows, top] += lam * f[rows, top]
            show(f"late interaction MaxSim-{name} top30 lam={lam}", S)

# score regularisation over the KB graph: cos(q, d) - beta * cos(q, mean of d's k nearest entries)
KK = K @ K.T
np.fill_diagonal(KK, -2)
order = np.argsort(-KK, axis=1)
res = []
for k in [3, 5, 10, 20, 40]:
    CM = Q @ K[order[:, :k]].mean(axis=1).T
    for beta, a in itertools.product([0.2, 0.1, -0.1, -0.2, -0.3, -0.45, -0.6], [0.5, 0.75, 1.0]):
        r = ranks(prod((C - beta * CM) / (1 - beta), H, a=a))
        res.append(((k, beta, a), met(r), met(r, folds[0]), met(r, folds[1])))
best = max(res, key=lambda x: x[1][1] + x[1][2])
print("neighbourhood regularisation, best on all cases:", best[0], "%.4f %.4f %.4f" % best[1])
for tune, test in [(2, 3), (3, 2)]:
    b = max(res, key=lambda x: x[tune][1] + x[tune][2])
    print(f"  tuned on fold{tune - 2} {b[0]} -> held-out fold{test - 2}: %.4f %.4f %.4f" % b[test],
          "(shipped on that fold: %.4f %.4f %.4f)" % met(ranks(prod(C, H)), folds[test - 2]))

# all-but-the-top (Mu & Viswanath 2018): centre on the KB mean and remove (or amplify, shrink < 0) the top D
# principal directions of the KB embeddings, both sides
mu = K.mean(0)
Vt = np.linalg.svd(K - mu, full_matrices=False)[2]


def abtt(X, D, shrink):
    Xc = X - mu
    Xc = Xc - shrink * (Xc @ Vt[:D].T) @ Vt[:D]
    return Xc / np.linalg.norm(Xc, axis=1, keepdims=True)


for D, shrink in [(1, 1.0), (3, 1.0), (5, 0.25), (3, -0.25), (5, -0.25)]:
    Kt, Qt = abtt(K, D, shrink), abtt(Q, D, shrink)
    show(f"{'ABTT' if shrink > 0 else 'amplify top'} D={D} x{shrink} hybrid", prod(Qt @ Kt.T, hub(Kt)))

# maximal marginal relevance (Carbonell & Goldstein 1998) over the top 20: fewer near-duplicates in the top 5
P = prod(C, H)
top = np.argsort(-P, axis=1)[:, :20]
for lam in [0.95, 0.98]:
    S = np.full(P.shape, -9.0)
    for i in range(nq):
        cand, sel = list(top[i]), []
        while cand:
            v = [lam * P[i, c] - (1 - lam) * max((K[c] @ K[s] for s in sel), default=0) for c in cand]
            sel.append(cand.pop(int(np.argmax(v))))
        for rnk, c in enumerate(sel):
            S[i, c] = 20 - rnk
    show(f"MMR top20 lambda={lam}", S)
