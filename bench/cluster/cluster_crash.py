#!/usr/bin/env python3
"""Several `baton serve` processes on one PostgreSQL behind a round-robin proxy: throughput with 1, 2 and 3
instances, then a kill -9 of one instance mid-burst with Meta-style re-delivery: every customer message must get
exactly one reply, none twice.

The script starts everything itself, on 127.0.0.1 only:
- PostgreSQL: Debian's server (`initdb`/`pg_ctl` of /usr/lib/postgresql/*/bin, run as the `postgres` user when the
  script runs as root) in a temporary directory, on a free port; or the server at --pg-url (a database per phase is
  created there, so the user must be allowed to CREATE DATABASE).
- N instances of app/target/baton.jar with the WhatsApp channel (an app secret), cluster.enabled on that database,
  the example shop's knowledge (one folder for all, an index directory each), and a Graph API stub inside this script
  that records every send (the stub and the signed deliveries come from bench/durability/webhook_crash.py).
- A round-robin proxy in front of them that, like a load balancer with health checks, stops sending to an instance
  whose connection failed (the delivery it was carrying is answered 502, and Meta delivers it again).
- Meta's statuses: shortly after each send the stub accepted (0.5 s), a signed `sent` status webhook with the wamid
  the stub returned and the request's `biz_opaque_callback_data` goes back through the proxy, and is delivered again
  every second until an instance acknowledges it (Meta retries unacknowledged webhooks). With it an instance can
  confirm a reply that a killed instance had sent but not recorded, instead of sending it twice.

Each phase sends 2,000 signed deliveries: 200 customers with 10 different questions each, 50 senders at a time.
Throughput is counted from the first delivery to the last reply (end to end: ack, turn, send); the ack rate alone is
reported next to it. The crash phase kills instance 2 with SIGKILL once 40 % of the deliveries are acknowledged,
re-delivers whatever was not acknowledged until it is, waits for the replies to stop, and checks the stub's record:
lost = (customer, answer) pairs that never arrived, doubled = copies beyond the first. It waits at least
lease + `engine.outbox-confirm-grace` (60 s) after the last reply of the crash phase, so that a reply held in doubt
and sent again after the grace would be counted.

usage (from the repository root, after `mvn -B -q -pl app -am package -DskipTests`):
  python3 bench/cluster/cluster_crash.py [--instances 1,2,3] [--no-crash] [--lane-threads N] [--pg-url URL]
                                         [--jar app/target/baton.jar]
Exit status 0 when the crash phase had 0 lost, 0 doubled. Standard library only.
"""
import argparse, collections, glob, heapq, http.client, http.server, json, os, re, shutil, signal, socket
import subprocess, sys, tempfile, threading, time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "durability"))
import webhook_crash as wc  # noqa: E402  (GraphStub, delivery, post, QUESTIONS, SECRET, PHONE_ID, free_port)

CUSTOMERS = 200
SENDERS = 50
LEASE = "6s"
LANE_THREADS = None  # --lane-threads: engine.lane-threads of every instance (default: Baton's)
CONFIRM_GRACE = 60  # seconds, Baton's default engine.outbox-confirm-grace
ECHO_DELAY = 0.5  # seconds from a send to its "sent" status


class StatusEcho:
    """Meta's status webhooks: a signed `sent` status for each send the stub accepted, ECHO_DELAY later, through the
    proxy, delivered again every second until acknowledged (at most 120 times)."""

    def __init__(self):
        self.port = None
        self.heap, self.cond, self.seq = [], threading.Condition(), 0
        self.sent = self.acked = self.redelivered = self.given_up = self.in_flight = 0
        for _ in range(4):
            threading.Thread(target=self._work, daemon=True).start()

    def on_send(self, body, wamid):
        status = {"id": wamid, "status": "sent", "timestamp": str(int(time.time())), "recipient_id": body.get("to")}
        if body.get("biz_opaque_callback_data"):
            status["biz_opaque_callback_data"] = body["biz_opaque_callback_data"]
        payload = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "100", "changes": [{
            "field": "messages", "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15550000000", "phone_number_id": wc.PHONE_ID},
                "statuses": [status]}}]}]}).encode()
        self._schedule(time.monotonic() + ECHO_DELAY, payload, 0)

    def _schedule(self, due, payload, attempts):
        with self.cond:
            self.seq += 1
            heapq.heappush(self.heap, (due, self.seq, payload, attempts))
            self.cond.notify()

    def _work(self):
        while True:
            with self.cond:
                while not self.heap or self.heap[0][0] > time.monotonic() or self.port is None:
                    self.cond.wait(0.1 if self.heap else None)
                _, _, payload, attempts = heapq.heappop(self.heap)
                self.in_flight += 1
            ok = wc.post(self.port, payload)
            with self.cond:
                self.in_flight -= 1
                self.sent += 1
                if ok:
                    self.acked += 1
                elif attempts < 120:
                    self.redelivered += 1
                    heapq.heappush(self.heap, (time.monotonic() + 1.0, self.seq, payload, attempts + 1))
                    self.seq += 1
                    self.cond.notify()
                else:
                    self.given_up += 1

    def idle(self):
        with self.cond:
            return not self.heap and not self.in_flight


class Postgres:
    """Debian's PostgreSQL in a temporary directory, or an existing server."""

    def __init__(self, url, work):
        self.url, self.proc_dir, self.port = url, None, None
        if url:
            return
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not bins:
            raise SystemExit("no PostgreSQL found: apt-get install postgresql, or pass --pg-url")
        self.bin = os.path.dirname(bins[-1])
        self.proc_dir = os.path.join(work, "pg")
        os.makedirs(self.proc_dir)
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.proc_dir, "postgres")
            os.chmod(work, 0o755)
        self.port = wc.free_port()
        self._run([f"{self.bin}/initdb", "-D", self.proc_dir, "-U", "postgres", "--auth=trust", "-E", "UTF8"])
        self._run([f"{self.bin}/pg_ctl", "-D", self.proc_dir, "-l", os.path.join(self.proc_dir, "server.log"),
                   "-o", f"-p {self.port} -k {self.proc_dir} -c listen_addresses=127.0.0.1 -c max_connections=200",
                   "-w", "start"])
        self.url = f"jdbc:postgresql://127.0.0.1:{self.port}/postgres"

    def _run(self, cmd):
        subprocess.run(self.as_user + cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def new_database(self, name):
        """A fresh database for one phase; its JDBC URL."""
        host_port = self.url.split("//", 1)[1].split("/", 1)[0]
        host, port = host_port.split(":") if ":" in host_port else (host_port, "5432")
        subprocess.run(["psql", "-h", host, "-p", port, "-U", "postgres", "-d", "postgres", "-q", "-c",
                        f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, PGPASSWORD="postgres"))
        return f"jdbc:postgresql://{host}:{port}/{name}"

    def stop(self):
        if self.proc_dir:
            self._run([f"{self.bin}/pg_ctl", "-D", self.proc_dir, "-m", "fast", "stop"])


class Instance:
    def __init__(self, jar, work, n, db_url, graph_port):
        self.jar, self.work, self.n = jar, work, n
        self.port = wc.free_port()
        self.cfg = os.path.join(work, f"baton-{n}.yaml")
        knowledge = os.path.abspath("examples/shop/knowledge")
        with open(self.cfg, "w") as f:
            f.write(f"""server: {{ host: 127.0.0.1, port: {self.port} }}
storage: {{ url: "{db_url}", user: postgres, password: postgres, pool: 10 }}
cluster: {{ enabled: true, lease: {LEASE}, instance-id: baton-{n} }}
knowledge: {{ folder: "{knowledge}", index-dir: "{work}/index-{n}", watch: false }}
inbox: {{ api-token: cluster-bench-token-0123456789 }}
{"engine: { lane-threads: %d }" % LANE_THREADS if LANE_THREADS else ""}
channels:
  whatsapp:
    phone-number-id: "{wc.PHONE_ID}"
    access-token: cluster-bench-token
    app-secret: {wc.SECRET}
    verify-token: cluster-bench-verify
    api-base-url: http://127.0.0.1:{graph_port}/v21.0
""")
        self.proc = None

    def start(self):
        env = dict(os.environ, OPT_OUT_TRACKING="true")
        self.proc = subprocess.Popen(["java", "-Xmx1g", "-Dai.djl.offline=true", "-jar", self.jar, "serve",
                                      "--config", self.cfg], stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(self.work, f"serve-{self.n}.log"), "a"), env=env)

    def wait_ready(self):
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"instance {self.n} exited with {self.proc.returncode}; see serve-{self.n}.log")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz/ready")
                if c.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"instance {self.n} did not become ready; see {self.work}/serve-{self.n}.log")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.kill()


class Proxy:
    """Round robin over the instances; an instance whose connection failed gets no more requests (502 for the one
    that failed: the platform delivers it again)."""

    def __init__(self, ports):
        self.ports, self.down, self.next, self.lock = list(ports), set(), 0, threading.Lock()
        self.per_port = collections.Counter()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                port = proxy.pick()
                status = 502
                if port is not None:
                    try:
                        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                        c.request("POST", self.path, body, {k: v for k, v in self.headers.items()
                                                            if k.lower() in ("content-type", "x-hub-signature-256")})
                        status = c.getresponse().status
                        c.close()
                        if b'"statuses"' not in body:  # deliveries of customer messages, not Meta's statuses
                            with proxy.lock:
                                proxy.per_port[port] += 1
                    except OSError:
                        with proxy.lock:
                            proxy.down.add(port)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 128

        self.server = Server(("127.0.0.1", wc.free_port()), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def pick(self):
        with self.lock:
            for _ in range(len(self.ports)):
                port = self.ports[self.next % len(self.ports)]
                self.next += 1
                if port not in self.down:
                    return port
            return None

    @property
    def port(self):
        return self.server.server_address[1]


def check(stub):
    """(lost, doubled, unexpected) over the stub's record, as webhook_crash.py counts them."""
    replies = stub.replies()
    per_customer = collections.defaultdict(collections.Counter)
    for _, to, text in replies:
        per_customer[to][text] += 1
    answers = collections.Counter(text for _, _, text in replies)
    expected = [text for text, _ in answers.most_common(len(wc.QUESTIONS))]
    lost = doubled = 0
    for c in range(CUSTOMERS):
        got = per_customer.get(f"1555{c:07d}", collections.Counter())
        for text in expected:
            n = got.get(text, 0)
            lost += n == 0
            doubled += max(0, n - 1)
    unexpected = sum(n for text, n in answers.items() if text not in expected)
    return lost, doubled, unexpected, len(replies)


def phase(jar, pg, work, n, crash):
    name = f"{'crash' if crash else 'tp'}{n}"
    db_url = pg.new_database(f"baton_{name}")
    echo = StatusEcho()
    stub = wc.GraphStub(on_send=echo.on_send)
    pwork = os.path.join(work, name)
    os.makedirs(pwork)
    instances = [Instance(jar, pwork, i + 1, db_url, stub.port) for i in range(n)]
    instances[0].start()
    instances[0].wait_ready()  # the first one migrates the database; the others start against it
    for inst in instances[1:]:
        inst.start()
    for inst in instances[1:]:
        inst.wait_ready()
    proxy = Proxy([i.port for i in instances])
    with echo.cond:
        echo.port = proxy.port
        echo.cond.notify_all()
    jobs = [(c, i) for i in range(len(wc.QUESTIONS)) for c in range(CUSTOMERS)]
    acked, lock = {}, threading.Lock()
    kill_after, killed = int(len(jobs) * 0.4), threading.Event()
    victim = instances[1] if crash else None

    def send(job):
        ok = wc.post(proxy.port, wc.delivery(*job)[1])
        with lock:
            acked[job] = ok
            if crash and ok and not killed.is_set() and sum(acked.values()) >= kill_after:
                killed.set()
                victim.kill()

    t0 = time.monotonic()
    with ThreadPoolExecutor(SENDERS) as pool:
        list(pool.map(send, jobs))
    t_acked = time.monotonic() - t0
    rounds = 0
    while True:  # Meta re-delivers what was not acknowledged, until it is
        missing = [j for j, ok in acked.items() if not ok]
        if not missing:
            break
        rounds += 1
        with ThreadPoolExecutor(SENDERS) as pool:
            for job, ok in zip(missing, pool.map(lambda j: wc.post(proxy.port, wc.delivery(*j)[1]), missing)):
                acked[job] = ok
    # the last reply: wait until all came (or none came for 30 s: lost ones never come), then 8 s more for doubles;
    # after a kill, a reply in doubt is sent again only after the claim and the grace: wait that long at least
    quiet_full = 8.0 if not crash else float(LEASE.rstrip("s")) + CONFIRM_GRACE + 10
    quiet_missing = 30.0 if not crash else float(LEASE.rstrip("s")) + CONFIRM_GRACE + 20
    last_n, last_change, t_last = -1, time.monotonic(), None
    while True:
        got = stub.replies()
        if len(got) != last_n:
            last_n, last_change = len(got), time.monotonic()
            if got:
                t_last = max(t for t, _, _ in got) - t0
        elif time.monotonic() - last_change >= (quiet_full if last_n >= len(jobs) else quiet_missing) \
                and echo.idle():
            break
        time.sleep(0.5)
    for inst in instances:
        inst.stop()
    proxy.server.shutdown()
    stub.server.shutdown()
    lost, doubled, unexpected, replies = check(stub)
    logs = ""
    for f in sorted(glob.glob(os.path.join(pwork, "serve-*.log"))):
        with open(f, errors="replace") as fh:
            logs += fh.read()
    for line in logs.splitlines():  # what happened to the replies cut short by the kill, for the record
        if re.search(r"reply\(ies\) (interrupted|whose sender)|confirmed by the platform|did not confirm it", line):
            print("  " + line[:220], flush=True)
    return {"instances": n, "crash": crash, "acked_s": round(t_acked, 1),
            "acks_per_s": round(len(jobs) / t_acked), "last_reply_s": round(t_last or 0, 1),
            "replies_per_s": round(replies / t_last) if t_last else 0, "redelivery_rounds": rounds,
            "replies": replies, "lost": lost, "doubled": doubled, "unexpected": unexpected,
            "per_instance": sorted(proxy.per_port.values()),
            "statuses": f"{echo.acked} acked of {echo.acked + echo.given_up} ({echo.redelivered} re-deliveries)",
            "cut_short": sum(int(m) for m in re.findall(r"outbox: (\d+) reply\(ies\) (?:interrupted|whose sender)",
                                                         logs)),
            "confirmed_in_doubt": logs.count("(in doubt or waiting for a retry) confirmed by the platform"),
            "confirmed_before_recorded": logs.count("(its sender had not recorded it) confirmed by the platform"),
            "resent_unconfirmed": logs.count("the platform did not confirm it within")}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--jar", default="app/target/baton.jar")
    p.add_argument("--instances", default="1,2,3", help="throughput phases, e.g. 1,2,3 (empty: none)")
    p.add_argument("--no-crash", action="store_true", help="skip the kill -9 phase")
    p.add_argument("--pg-url", help="an existing server (jdbc:postgresql://host:port/db, user postgres/postgres)")
    p.add_argument("--lane-threads", type=int, help="engine.lane-threads of each instance (default: Baton's)")
    a = p.parse_args()
    global LANE_THREADS
    LANE_THREADS = a.lane_threads
    jar = os.path.abspath(a.jar)
    if not os.path.isfile(jar):
        raise SystemExit(f"{jar} is missing: mvn -B -q -pl app -am package -DskipTests")
    work = tempfile.mkdtemp(prefix="baton-cluster-")
    pg = Postgres(a.pg_url, work)
    bad = 0
    try:
        for n in [int(x) for x in a.instances.split(",") if x.strip()]:
            r = phase(jar, pg, work, n, crash=False)
            print("throughput: " + ", ".join(f"{k} {v}" for k, v in r.items()), flush=True)
        if not a.no_crash:
            r = phase(jar, pg, work, 3, crash=True)
            bad = bool(r["lost"] or r["doubled"] or r["unexpected"])
            print("kill -9:    " + ", ".join(f"{k} {v}" for k, v in r.items()), flush=True)
    finally:
        pg.stop()
    if bad:
        print(f"work directory kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
