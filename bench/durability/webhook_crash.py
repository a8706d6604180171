#!/usr/bin/env python3
"""Crash test through the WhatsApp webhook path: are acknowledged deliveries kept, and is each reply sent once?

`baton serve` (app/target/baton.jar) runs with the WhatsApp channel, an app secret and a Graph API stub in this
script that records every send. 100 customers send 10 distinct questions each (1,000 signed deliveries,
X-Hub-Signature-256 over the raw body) from 50 concurrent senders; once 40 % of them are acknowledged, the server is
killed with SIGKILL. It is restarted, every delivery that was not answered 200 is delivered again (as Meta does; an
acknowledged one never is), and once the replies stop coming the stub's record is checked: every customer message
must have exactly one reply.

A reply is counted by its last Graph request: with the human button on (the default), every bot reply ends with one
interactive message whose body is the end of the answer; the 10 questions have 10 different answers, so per customer
each of the 10 bodies must arrive exactly once. lost = expected (customer, answer) pairs that never arrived,
doubled = arrivals beyond the first.

usage (from the repository root, after `mvn -B -q -pl app -am package -DskipTests`):
  python3 bench/durability/webhook_crash.py [--runs N] [--jar app/target/baton.jar] [--kill-at 0.4] [--no-kill]
Exit status 0 when every run had 0 lost and 0 doubled. Standard library only.
"""
import argparse, collections, hashlib, hmac, http.client, http.server, json, os, shutil, signal, socket, subprocess
import sys, tempfile, threading, time
from concurrent.futures import ThreadPoolExecutor

SECRET = "crash-test-app-secret"
PHONE_ID = "1000"
CUSTOMERS = 100
# distinct questions with a confident answer in examples/shop/knowledge and no handoff rule (no sensitive intent, no
# complaint, no repetition): the bot answers every one, so "exactly one reply per message" is the expectation
QUESTIONS = ["商品保修多久？", "支持哪些支付方式？", "可以货到付款吗？", "怎么领取和使用优惠券？", "可以开发票吗？",
             "怎么注册账号？", "支持七天无理由退货吗？", "退款多久到账？", "会员有哪些等级？", "怎么查看订单状态？"]
SENDERS = 50


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class GraphStub:
    """The Graph API: answers every send with a new wamid and records it. `on_send(body, wamid)`, if given, is called
    after each message send was answered (bench/cluster uses it to send Meta's status webhook back)."""

    def __init__(self, on_send=None):
        self.lock = threading.Lock()
        self.sends = []  # (time, to, type, body)
        self.reads = 0
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                with stub.lock:
                    if body.get("status") == "read":
                        stub.reads += 1
                    else:
                        kind = body.get("type")
                        text = (body.get("interactive", {}).get("body", {}).get("text") if kind == "interactive"
                                else body.get("text", {}).get("body"))
                        stub.sends.append((time.monotonic(), body.get("to"), kind, text))
                    n = len(stub.sends) + stub.reads
                out = json.dumps({"messaging_product": "whatsapp", "contacts": [{"wa_id": body.get("to")}],
                                  "messages": [{"id": f"wamid.stub{n}"}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)
                if on_send and body.get("status") != "read":
                    on_send(body, f"wamid.stub{n}")

            def log_message(self, *args):
                pass

        class Quiet(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # Baton's connections are cut by the kill: expected, not worth a traceback

        self.server = Quiet(("127.0.0.1", free_port()), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def port(self):
        return self.server.server_address[1]

    def replies(self):
        with self.lock:
            return [(t, to, text) for t, to, kind, text in self.sends if kind == "interactive"]


class Server:
    def __init__(self, jar, work, graph_port):
        self.jar, self.work = jar, work
        self.port = free_port()
        self.cfg = os.path.join(work, "baton.yaml")
        knowledge = os.path.abspath("examples/shop/knowledge")
        with open(self.cfg, "w") as f:
            f.write(f"""server: {{ host: 127.0.0.1, port: {self.port} }}
storage: {{ url: "jdbc:h2:file:{work}/db" }}
knowledge: {{ folder: "{knowledge}", index-dir: "{work}/index", watch: false }}
channels:
  whatsapp:
    phone-number-id: "{PHONE_ID}"
    access-token: crash-test-token
    app-secret: {SECRET}
    verify-token: crash-test-verify
    api-base-url: http://127.0.0.1:{graph_port}/v21.0
""")
        self.proc = None

    def start(self):
        env = dict(os.environ, OPT_OUT_TRACKING="true")  # no telemetry call from the embeddings' tokenizer
        self.proc = subprocess.Popen(["java", "-Xmx1g", "-Dai.djl.offline=true", "-jar", self.jar, "serve",
                                      "--config", self.cfg], stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(self.work, "serve.log"), "a"), env=env)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited with {self.proc.returncode}; see {self.work}/serve.log")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"server did not start; see {self.work}/serve.log")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.kill()


def delivery(customer, i):
    wa_id = f"1555{customer:07d}"
    body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "100", "changes": [{
        "field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550000000", "phone_number_id": PHONE_ID},
            "contacts": [{"profile": {"name": f"Customer {customer}"}, "wa_id": wa_id}],
            "messages": [{"from": wa_id, "id": f"wamid.crash.{customer}.{i}", "timestamp": str(int(time.time())),
                          "type": "text", "text": {"body": QUESTIONS[i]}}]}}]}]}, ensure_ascii=False).encode()
    return wa_id, body


def post(port, body):
    """True when the delivery was acknowledged with 200."""
    sig = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("POST", "/webhooks/whatsapp", body, {"Content-Type": "application/json",
                                                        "X-Hub-Signature-256": sig})
        ok = c.getresponse().status == 200
        c.close()
        return ok
    except OSError:
        return False


def wait_quiet(stub, expected):
    """Waits until no reply came for 8 s once `expected` are there (a doubled one would come with them), or for 30 s
    while fewer are there (lost ones never come; turns take milliseconds, so 30 s without a reply is the end)."""
    last_n, last_change = -1, time.monotonic()
    while True:
        n = len(stub.replies())
        if n != last_n:
            last_n, last_change = n, time.monotonic()
        elif time.monotonic() - last_change >= (8.0 if n >= expected else 30.0):
            return
        time.sleep(0.5)


def index_orphans(work):
    """Entries of the inbound log's unique index whose row is missing (H2 after a crash), via H2's shell from the local
    Maven repository; None when that jar is not there."""
    import glob
    jars = sorted(glob.glob(os.path.expanduser("~/.m2/repository/com/h2database/h2/*/h2-*.jar")))
    if not jars:
        return None
    out = subprocess.run(["java", "-cp", jars[-1], "org.h2.tools.Shell", "-url",
                          f"jdbc:h2:file:{work}/db;LOCK_TIMEOUT=2000", "-user", "", "-sql",
                          "SELECT (SELECT COUNT(*) FROM inbound_log WHERE channel = 'whatsapp' "
                          "AND platform_message_id > '') - (SELECT COUNT(status) FROM inbound_log) AS orphans"],
                         capture_output=True, text=True).stdout.splitlines()
    value = out[1].strip() if len(out) > 1 and out[0].strip() == "ORPHANS" else ""
    return int(value) if value.lstrip("-").isdigit() else "check failed"


def one_run(jar, kill_at, no_kill):
    work = tempfile.mkdtemp(prefix="baton-crash-")
    stub = GraphStub()
    server = Server(jar, work, stub.port)
    server.start()
    jobs = [(c, i) for i in range(len(QUESTIONS)) for c in range(CUSTOMERS)]  # customers interleaved
    acked = {}
    lock = threading.Lock()
    kill_after = int(len(jobs) * kill_at)
    killed = threading.Event()
    kill_time = [None]

    def send(job):
        wa_id, body = delivery(*job)
        ok = post(server.port, body)
        with lock:
            acked[job] = ok
            if ok and not no_kill and not killed.is_set() and sum(acked.values()) >= kill_after:
                killed.set()
                kill_time[0] = time.monotonic()
                server.kill()

    with ThreadPoolExecutor(SENDERS) as pool:
        list(pool.map(send, jobs))
    before_kill = sum(acked.values())
    if not no_kill:
        server.proc.wait()
        server.start()
    rounds = 0
    while True:  # Meta re-delivers what was not acknowledged, until it is
        missing = [j for j, ok in acked.items() if not ok]
        if not missing:
            break
        rounds += 1
        with ThreadPoolExecutor(SENDERS) as pool:
            for job, ok in zip(missing, pool.map(lambda j: post(server.port, delivery(*j)[1]), missing)):
                acked[job] = ok
    wait_quiet(stub, len(jobs))
    server.stop()

    replies = stub.replies()
    per_customer = collections.defaultdict(collections.Counter)
    for _, to, text in replies:
        per_customer[to][text] += 1
    answers = collections.Counter(text for _, _, text in replies)
    # the 10 answers: the bodies that most customers got (a lost or doubled reply does not change which they are)
    expected = [text for text, _ in answers.most_common(len(QUESTIONS))]
    lost = doubled = 0
    first_copy_ms_before_kill = []  # for each doubled reply: when its first copy went out
    firsts = {}
    for t, to, text in replies:
        firsts.setdefault((to, text), t)
    for c in range(CUSTOMERS):
        wa_id = f"1555{c:07d}"
        got = per_customer.get(wa_id, collections.Counter())
        for text in expected:
            n = got.get(text, 0)
            lost += n == 0
            if n > 1:
                doubled += n - 1
                if kill_time[0] is not None:
                    first_copy_ms_before_kill.append(round((kill_time[0] - firsts[(wa_id, text)]) * 1000))
    unexpected = sum(n for text, n in answers.items() if text not in expected)
    result = {"acked_before_kill": before_kill, "redelivery_rounds": rounds, "replies": len(replies),
              "distinct_answers": len(answers), "lost": lost, "doubled": doubled,
              "doubled_first_copy_ms_before_kill": sorted(first_copy_ms_before_kill),
              "unexpected_replies": unexpected,
              "db_file_mb": round(os.path.getsize(os.path.join(work, "db.mv.db")) / 2**20, 1),
              "index_orphans": index_orphans(work)}
    stub.server.shutdown()
    if lost or doubled or unexpected:
        result["work_dir"] = work  # kept for a look at serve.log and the database
    else:
        shutil.rmtree(work, ignore_errors=True)
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--jar", default="app/target/baton.jar")
    p.add_argument("--kill-at", type=float, default=0.4, help="share of deliveries acknowledged before the kill")
    p.add_argument("--no-kill", action="store_true", help="no crash: checks the setup (expect 0 lost, 0 doubled)")
    a = p.parse_args()
    jar = os.path.abspath(a.jar)
    if not os.path.isfile(jar):
        raise SystemExit(f"{jar} is missing: mvn -B -q -pl app -am package -DskipTests")
    bad = 0
    for run in range(1, a.runs + 1):
        r = one_run(jar, a.kill_at, a.no_kill)
        bad += bool(r["lost"] or r["doubled"] or r["unexpected_replies"])
        print(f"run {run}: " + ", ".join(f"{k} {v}" for k, v in r.items()), flush=True)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
