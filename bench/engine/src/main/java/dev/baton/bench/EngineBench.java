package dev.baton.bench;

import dev.baton.app.BatonRuntime;
import dev.baton.app.ExampleKnowledge;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.engine.Engine;
import io.javalin.Javalin;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import dev.baton.dev.DevConfig;

/**
 * Two measurements, in one run, on the example shop with the offline agent:
 * <ol>
 *   <li>dev channel: messages/s and the latency from inbound (stored) to replies in the outbox, p50/p99, with
 *       {@code clients} senders writing concurrently (each waits for its reply before the next message); every
 *       message comes from a new customer, so the repetition rule does not hand the bench off to a human;</li>
 *   <li>the webhook ack path: signed WhatsApp deliveries to {@code /webhooks/whatsapp} (verify, parse, store, ack;
 *       processing continues in the background as in production) against a bare Javalin handler that reads the
 *       body and answers 200, with the same client, the same concurrency and the same duration.</li>
 * </ol>
 * Usage: {@code EngineBench [messages=2000] [clients=16] [ackSeconds=10] [laneThreads=the default]}; the system
 * property {@code bench.storage-options} is appended to the H2 URL (e.g. {@code ;WRITE_DELAY=500}: H2 writes commits
 * late by itself, as before Baton waited for the file, to measure what that wait costs in the same conditions).
 */
public final class EngineBench {

    private static final String SECRET = "bench-app-secret";
    private static final String[] QUESTIONS = {"怎么退货？", "How do I return an item?", "退款多久到账", "运费怎么算",
            "积分怎么用", "Can I change my delivery address?", "发票怎么开", "今天天气怎么样"};

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int ackSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;

        Path dir = Files.createTempDirectory("baton-bench");
        ExampleKnowledge.extractTo(dir.resolve("knowledge"));
        Javalin graph = Javalin.create(c -> c.showJavalinBanner = false)
                .post("/v21.0/{phone}/messages", ctx -> ctx.json(java.util.Map.of("messages",
                        List.of(java.util.Map.of("id", "wamid." + UUID.randomUUID())))))
                .start(0);
        String yaml = """
                server: { port: 0, max-body-bytes: 1048576 }
                storage: { url: "jdbc:h2:file:%s/db%s" }
                knowledge: { folder: "%s/knowledge", index-dir: "%s/index", watch: false }
                channels:
                  dev: { enabled: true }
                  whatsapp:
                    phone-number-id: "1000"
                    access-token: bench-token
                    app-secret: %s
                    verify-token: bench-verify
                    mark-as-read: false
                    api-base-url: http://localhost:%d/v21.0
                """.formatted(dir, System.getProperty("bench.storage-options", ""), dir, dir, SECRET, graph.port());
        BatonConfig cfg = new ConfigLoader(k -> null).load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "bench");
        int exit = 0;
        int lanes = args.length > 3 ? Integer.parseInt(args[3]) : Math.max(2, Runtime.getRuntime().availableProcessors());
        GatedLanes gate = new GatedLanes(lanes);
        try (BatonRuntime rt = BatonRuntime.start(cfg, b -> b.laneExecutor(gate))) {
            Engine engine = rt.engine().engine();
            System.out.printf("machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            devChannel(engine, 300, clients); // warm-up
            devChannel(engine, messages, clients);
            // as in production: the turns of the accepted deliveries run while the next ones are acked
            ackPath("processing running", rt.port(), ackSeconds, clients, engine, true);
            // the ack path alone (verify, parse, durable insert, 200): the lanes are held for these rounds
            gate.pause();
            ackPath("ack path alone, processing held", rt.port(), ackSeconds, clients, engine, false);
            gate.resume();
            System.out.printf("storage options '%s': H2 file %d MB after the run%n",
                    System.getProperty("bench.storage-options", ""), Files.size(dir.resolve("db.mv.db")) >> 20);
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            graph.stop();
        }
        System.exit(exit);
    }

    /** Returns per-message latencies in microseconds and prints the summary. */
    private static long[] devChannel(Engine engine, int messages, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long[] lat = new long[messages];
        AtomicLong next = new AtomicLong();
        String run = UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            fs.add(pool.submit(() -> {
                long i;
                while ((i = next.getAndIncrement()) < messages) {
                    InboundMessage m = new InboundMessage(DevConfig.CHANNEL, run + "-" + i, "bench-" + run + "-" + i,
                            null, null, Instant.now(), new InboundContent.Text(QUESTIONS[(int) (i % QUESTIONS.length)]));
                    long t0 = System.nanoTime();
                    long id = engine.accept(List.of(m)).get(0).inboundId();
                    if (engine.repliesFor(id, Duration.ofSeconds(30)).isEmpty()) {
                        throw new IllegalStateException("no reply for " + id);
                    }
                    lat[(int) i] = (System.nanoTime() - t0) / 1000;
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(lat);
        System.out.printf("dev channel: %d messages, %d concurrent customers: %.0f msg/s; inbound→outbox p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n", messages, clients, messages / seconds, lat[messages / 2] / 1000.0,
                lat[(int) (messages * 0.99)] / 1000.0, lat[messages - 1] / 1000.0);
        return lat;
    }

    private static void ackPath(String mode, int batonPort, int seconds, int clients, Engine engine, boolean drain)
            throws Exception {
        Javalin bare = Javalin.create(c -> c.showJavalinBanner = false)
                .post("/bare", ctx -> ctx.bodyAsBytes()).start(0);
        try {
            OkHttpClient http = client(clients);
            // one unmeasured round each first (JIT warm-up of both paths: the dev-channel phase does not exercise the
            // WhatsApp adapter), then PAIRS short rounds alternating baton, bare: this VM's speed drifts by a factor
            // of two within minutes, so each baton round is compared with the bare round right after it, and the
            // median of the pair ratios is reported next to the totals
            String batonUrl = "http://localhost:" + batonPort + "/webhooks/whatsapp";
            String bareUrl = "http://localhost:" + bare.port() + "/bare";
            round(http, batonUrl, Math.max(2, seconds / 3), clients, engine, drain);
            round(http, bareUrl, Math.max(2, seconds / 3), clients, engine, drain);
            int pairs = 5;
            int roundSeconds = Math.max(1, seconds * 2 / pairs);
            double[] baton = new double[pairs];
            double[] plain = new double[pairs];
            double[] ratio = new double[pairs];
            StringBuilder rounds = new StringBuilder();
            for (int i = 0; i < pairs; i++) {
                baton[i] = round(http, batonUrl, roundSeconds, clients, engine, drain);
                plain[i] = round(http, bareUrl, roundSeconds, clients, engine, drain);
                ratio[i] = baton[i] / plain[i];
                rounds.append(String.format(" %.0f/%.0f", baton[i], plain[i]));
            }
            double[] sorted = ratio.clone();
            Arrays.sort(sorted);
            System.out.printf("ack path, %s (%d pairs of %d s, %d clients): baton /webhooks/whatsapp %.0f req/s, "
                    + "bare Javalin %.0f req/s (means) → median of pair ratios %.0f%% of bare, range %.0f–%.0f%% "
                    + "(pairs baton/bare:%s)%n", mode, pairs, roundSeconds, clients, Arrays.stream(baton).average().orElse(0),
                    Arrays.stream(plain).average().orElse(0), 100 * sorted[pairs / 2], 100 * sorted[0],
                    100 * sorted[pairs - 1], rounds);
        } finally {
            bare.stop();
        }
    }

    /**
     * One measured round. Before it, outside the timing: Baton's backlog from the previous round is drained (so
     * that a bare round does not pay for the turns of the Baton round before it), and every request of the round is
     * built and signed in advance, the same way for both servers (Meta signs its deliveries on its own machines; the
     * client shares this 2-core VM with the server, so signing inside the loop would charge the client's HMAC to the
     * side that is being measured). Each request carries a new wamid, so Baton never takes its duplicate shortcut.
     */
    private static double round(OkHttpClient http, String url, int seconds, int clients, Engine engine,
                                boolean drain) throws Exception {
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (drain && engine.queued() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        int perClient = PREBUILT_PER_SECOND * seconds / clients;
        List<List<Request>> prepared = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Request> rs = new ArrayList<>(perClient);
            for (int i = 0; i < perClient; i++) {
                rs.add(signed(url, delivery(UUID.randomUUID().toString())));
            }
            prepared.add(rs);
        }
        return hammer(http, prepared, seconds, url);
    }

    /** Enough prepared requests for the fastest bare round seen on this machine (~40,000 req/s) with room to spare. */
    private static final int PREBUILT_PER_SECOND = 70_000;

    private static Request signed(String url, byte[] body) {
        return new Request.Builder().url(url).header("X-Hub-Signature-256", "sha256=" + hmac(body))
                .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    }

    private static OkHttpClient client(int clients) {
        Dispatcher d = new Dispatcher();
        d.setMaxRequests(clients * 2);
        d.setMaxRequestsPerHost(clients * 2);
        return new OkHttpClient.Builder().dispatcher(d).connectionPool(new ConnectionPool(clients * 2, 1,
                TimeUnit.MINUTES)).build();
    }

    /** Requests per second over {@code seconds}, each client sending its prepared requests synchronously. */
    private static double hammer(OkHttpClient http, List<List<Request>> prepared, int seconds, String url)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(prepared.size());
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong exhausted = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<?>> fs = new ArrayList<>();
        for (List<Request> requests : prepared) {
            fs.add(pool.submit(() -> {
                int i = 0;
                while (System.nanoTime() < end) {
                    if (i == requests.size()) {
                        exhausted.incrementAndGet();
                        break;
                    }
                    try (Response r = http.newCall(requests.get(i++)).execute()) {
                        if (r.code() == 200) {
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        if (failed.get() > 0) {
            System.out.println("  (" + failed.get() + " non-200 answers from " + url + ")");
        }
        if (exhausted.get() > 0) {
            System.out.println("  (" + exhausted.get() + " clients ran out of prepared requests for " + url
                    + ": raise PREBUILT_PER_SECOND)");
        }
        return done.get() / (double) seconds;
    }

    /**
     * The engine's lane executor (injected through {@link dev.baton.core.engine.EngineBuilder#laneExecutor}),
     * with a gate: while paused, workers wait before their next lane, the queue fills, and further work is deferred
     * to the recovery sweep, as when Baton's lanes are full; nothing is dropped.
     */
    static final class GatedLanes extends ThreadPoolExecutor {
        private final Object lock = new Object();
        private boolean paused;

        GatedLanes(int threads) {
            super(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "baton-lane-gated");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            synchronized (lock) {
                while (paused) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        t.interrupt();
                        return;
                    }
                }
            }
            super.beforeExecute(t, r);
        }

        void pause() {
            synchronized (lock) {
                paused = true;
            }
        }

        void resume() {
            synchronized (lock) {
                paused = false;
                lock.notifyAll();
            }
        }
    }

    private static byte[] delivery(String id) {
        String json = """
                {"object":"whatsapp_business_account","entry":[{"id":"100","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000","phone_number_id":"1000"},
                "contacts":[{"profile":{"name":"Bench"},"wa_id":"1555%s"}],
                "messages":[{"from":"1555%s","id":"wamid.%s","timestamp":"%d","type":"text","text":{"body":"How do I return an item?"}}]
                }}]}]}""".formatted(Math.abs(id.hashCode() % 1000), Math.abs(id.hashCode() % 1000), id,
                Instant.now().getEpochSecond());
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
