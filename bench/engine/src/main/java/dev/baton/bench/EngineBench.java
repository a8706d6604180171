package dev.baton.bench;

import dev.baton.app.BatonRuntime;
import dev.baton.app.ExampleKnowledge;
import dev.baton.app.config.BatonConfig;
import dev.baton.app.config.ConfigLoader;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.conversation.Engine;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 * Usage: {@code EngineBench [messages=2000] [clients=16] [ackSeconds=10] [laneThreads=the default]}.
 */
public final class EngineBench {

    private static final String SECRET = "bench-app-secret";
    private static final String[] QUESTIONS = {"怎么退货？", "How do I return an item?", "退款多久到账", "运费怎么算",
            "积分怎么用", "Can I change my delivery address?", "发票怎么开", "今天天气怎么样"};

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int ackSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String laneThreads = args.length > 3 ? "engine: { lane-threads: " + Integer.parseInt(args[3]) + " }\n" : "";

        Path dir = Files.createTempDirectory("baton-bench");
        ExampleKnowledge.extractTo(dir.resolve("knowledge"));
        Javalin graph = Javalin.create(c -> c.showJavalinBanner = false)
                .post("/v21.0/{phone}/messages", ctx -> ctx.json(java.util.Map.of("messages",
                        List.of(java.util.Map.of("id", "wamid." + UUID.randomUUID())))))
                .start(0);
        String yaml = """
                server: { port: 0, max-body-bytes: 1048576 }
                storage: { url: "jdbc:h2:file:%s/db" }
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
                """.formatted(dir, dir, dir, SECRET, graph.port()) + laneThreads;
        BatonConfig cfg = new ConfigLoader(k -> null).load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "bench");
        int exit = 0;
        try (BatonRuntime rt = BatonRuntime.start(cfg)) {
            Engine engine = rt.engine().engine();
            System.out.printf("machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            devChannel(engine, 300, clients); // warm-up
            devChannel(engine, messages, clients);
            ackPath(rt.port(), ackSeconds, clients);
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
                    InboundMessage m = new InboundMessage(Channel.DEV, run + "-" + i, "bench-" + run + "-" + i,
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

    private static void ackPath(int batonPort, int seconds, int clients) throws Exception {
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
            hammer(http, batonUrl, Math.max(2, seconds / 3), clients, true);
            hammer(http, bareUrl, Math.max(2, seconds / 3), clients, false);
            int pairs = 5;
            int roundSeconds = Math.max(1, seconds * 2 / pairs);
            double[] baton = new double[pairs];
            double[] plain = new double[pairs];
            double[] ratio = new double[pairs];
            StringBuilder rounds = new StringBuilder();
            for (int i = 0; i < pairs; i++) {
                baton[i] = hammer(http, batonUrl, roundSeconds, clients, true);
                plain[i] = hammer(http, bareUrl, roundSeconds, clients, false);
                ratio[i] = baton[i] / plain[i];
                rounds.append(String.format(" %.0f/%.0f", baton[i], plain[i]));
            }
            double[] sorted = ratio.clone();
            Arrays.sort(sorted);
            System.out.printf("ack path (%d pairs of %d s, %d clients): baton /webhooks/whatsapp %.0f req/s, "
                    + "bare Javalin %.0f req/s (means) → median of pair ratios %.0f%% of bare, range %.0f–%.0f%% "
                    + "(pairs baton/bare:%s)%n", pairs, roundSeconds, clients, Arrays.stream(baton).average().orElse(0),
                    Arrays.stream(plain).average().orElse(0), 100 * sorted[pairs / 2], 100 * sorted[0],
                    100 * sorted[pairs - 1], rounds);
        } finally {
            bare.stop();
        }
    }


    private static OkHttpClient client(int clients) {
        Dispatcher d = new Dispatcher();
        d.setMaxRequests(clients * 2);
        d.setMaxRequestsPerHost(clients * 2);
        return new OkHttpClient.Builder().dispatcher(d).connectionPool(new ConnectionPool(clients * 2, 1,
                TimeUnit.MINUTES)).build();
    }

    /** Requests per second over {@code seconds}, with {@code clients} synchronous senders. */
    private static double hammer(OkHttpClient http, String url, int seconds, int clients, boolean sign)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    byte[] body = delivery(UUID.randomUUID().toString());
                    Request.Builder rb = new Request.Builder().url(url)
                            .post(RequestBody.create(body, MediaType.get("application/json")));
                    if (sign) {
                        rb.header("X-Hub-Signature-256", "sha256=" + hmac(body));
                    }
                    try (Response r = http.newCall(rb.build()).execute()) {
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
        return done.get() / (double) seconds;
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
