#!/usr/bin/env python3
"""Durability check: a burst of dev-channel messages, `kill -9` in the middle, a restart, then every message
that was sent gets exactly one reply. Messages carry an id, so re-sending the ones whose request failed is
idempotent (as a platform's retry is).

usage: bench/durability/burst.py [N=1000] [kill-after-seconds=3]   (run from the repository root)
"""
import json, os, signal, subprocess, sys, threading, time, urllib.request, shutil, tempfile
from concurrent.futures import ThreadPoolExecutor

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
KILL_AFTER = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
PORT = 18080
work = tempfile.mkdtemp(prefix="baton-burst-")
cfg = os.path.join(work, "baton.yaml")
with open(cfg, "w") as f:
    f.write(f"""server: {{ port: {PORT} }}
storage: {{ url: "jdbc:h2:file:{work}/db" }}
knowledge: {{ folder: "{os.path.abspath('examples/shop/knowledge')}", index-dir: "{work}/index", watch: false }}
channels:
  dev: {{ enabled: true, reply-timeout: 60s }}
""")
jar = os.path.abspath("app/target/baton.jar")

def start():
    p = subprocess.Popen(["java", "-Xmx1g", "-jar", jar, "serve", "--config", cfg], stdout=subprocess.DEVNULL,
                         stderr=open(os.path.join(work, "serve.log"), "a"))
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://localhost:{PORT}/healthz", timeout=1)
            return p
        except Exception:
            time.sleep(0.5)
    raise SystemExit("server did not start; see " + work + "/serve.log")

def send(i):
    # one customer per message: a customer who asks the same thing again is handed to a person, and the bot is then
    # rightly silent, which would make "exactly one reply" the wrong expectation
    body = json.dumps({"customer": f"c{i}", "id": f"m{i}", "text": ["怎么退货？", "How do I return an item?",
                       "退款多久到账", "今天天气怎么样"][i % 4]}).encode()
    req = urllib.request.Request(f"http://localhost:{PORT}/api/dev/messages", data=body,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return json.load(r)
    except Exception:
        return None

server = start()
print(f"burst of {N} messages, kill -9 after {KILL_AFTER}s")
results = {}
killer = threading.Timer(KILL_AFTER, lambda: os.kill(server.pid, signal.SIGKILL))
killer.start()
with ThreadPoolExecutor(64) as pool:
    for i, r in zip(range(N), pool.map(send, range(N))):
        results[i] = r
server.wait()
answered = sum(1 for r in results.values() if r is not None)
print(f"before the kill: {answered} answered, {N - answered} requests failed (server killed)")

server = start()
with ThreadPoolExecutor(64) as pool:  # the platform's retries: same ids
    retried = list(pool.map(send, [i for i, r in results.items() if r is None]))
time.sleep(3)
server.send_signal(signal.SIGTERM)
server.wait()

h2 = subprocess.run(["bash", "-c", "ls ~/.m2/repository/com/h2database/h2/*/h2-*.jar | head -1"],
                    capture_output=True, text=True).stdout.strip()
def sql(q):
    out = subprocess.run(["java", "-cp", h2, "org.h2.tools.Shell", "-url", f"jdbc:h2:file:{work}/db",
                          "-user", "", "-sql", q], capture_output=True, text=True).stdout
    return out.strip()
print("inbound messages stored:", sql("SELECT COUNT(*) FROM inbound_log").splitlines()[1])
print("inbound not DONE:", sql("SELECT COUNT(*) FROM inbound_log WHERE status <> 'DONE'").splitlines()[1])
print("messages without exactly one reply:", sql(
    "SELECT COUNT(*) FROM inbound_log i WHERE (SELECT COUNT(*) FROM outbox o WHERE o.inbound_id = i.id) <> 1"
).splitlines()[1])
print("replies not delivered:", sql("SELECT COUNT(*) FROM outbox WHERE status <> 'SENT'").splitlines()[1])
shutil.rmtree(work, ignore_errors=True)
