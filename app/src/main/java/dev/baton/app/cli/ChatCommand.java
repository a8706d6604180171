package dev.baton.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.app.BatonRuntime;
import dev.baton.config.BatonConfig;
import dev.baton.dev.DevConfig;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code baton chat}: talk to the bot as a customer. Uses the running server when one answers on the configured
 * port (or {@code --port}); otherwise starts Baton in this process. Shows the bot's replies, human replies as they
 * arrive, and state changes ("handed to a human"). {@code /human} presses the human button, {@code /quit} leaves.
 * {@code --tier vip} makes the customer a VIP (sent with the first message), {@code --name} sets the name agents
 * see.
 */
@CommandLine.Command(name = "chat", description = "Talk to the bot as a customer (dev channel).")
public final class ChatCommand implements Callable<Integer> {

    private static final MediaType JSON = MediaType.get("application/json");

    @CommandLine.Option(names = "--config", description = "baton.yaml to use")
    Path config;

    @CommandLine.Option(names = "--customer", defaultValue = "terminal", description = "your customer id (default terminal)")
    String customer;

    @CommandLine.Option(names = "--tier", description = "set your customer tier first, e.g. vip (\"\" clears it)")
    String tier;

    @CommandLine.Option(names = "--name", description = "your display name, as agents see it")
    String name;

    @CommandLine.Option(names = "--port", paramLabel = "N",
            description = "port of the running Baton (default: server.port); also where one started here listens")
    Integer port;

    private final ObjectMapper json = new ObjectMapper();
    private boolean profileSent;
    private final AtomicLong lastReply = new AtomicLong();
    private final AtomicReference<String> state = new AtomicReference<>("BOT");

    @Override
    public Integer call() throws Exception {
        ConfigSource.Loaded loaded = ConfigSource.load(config);
        BatonConfig cfg = loaded.config();
        if (!cfg.channels().isEnabled(DevConfig.KEY)) {
            throw new IllegalStateException("the dev channel is off in " + loaded.source()
                    + "; set channels.dev.enabled: true");
        }
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
        int target = port != null ? port : cfg.server().port();
        BatonRuntime local = null;
        if (!serverAnswers(http, target)) {
            CliLogs.quiet();
            System.err.println("baton: no Baton answers on port " + target + "; starting one in this terminal ("
                    + loaded.source() + ") …");
            local = BatonRuntime.start(port != null ? loaded.listeningOn(port, null).config() : cfg);
            target = local.port();
        }
        String base = "http://localhost:" + target;
        ChatConsole console = new ChatConsole(System.out);
        console.show("Chatting as \"" + customer + "\"" + (tier == null || tier.isBlank() ? "" : " (tier " + tier
                + ")") + ". Type a message; /human for a person, /quit to leave.");
        catchUp(http, base);
        Thread poller = new Thread(() -> poll(http, base, console), "baton-chat-poll");
        poller.setDaemon(true);
        poller.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            console.prompt();
            while ((line = in.readLine()) != null) {
                console.lineEntered();
                line = line.strip();
                if (line.equals("/quit") || line.equals("/exit")) {
                    break;
                }
                if (!line.isEmpty()) {
                    send(http, base, line, console);
                }
                console.prompt();
            }
        } finally {
            poller.interrupt();
            if (local != null) {
                local.close();
            }
        }
        return 0;
    }

    private void send(OkHttpClient http, String base, String line, ChatConsole console) throws IOException {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("customer", customer);
        if (line.equals("/human")) {
            body.put("human", true);
        } else {
            body.put("text", line);
        }
        if (!profileSent) {
            if (tier != null) {
                body.put("tier", tier);
            }
            if (name != null && !name.isBlank()) {
                body.put("name", name);
            }
        }
        Request req = new Request.Builder().url(base + "/api/dev/messages")
                .post(RequestBody.create(json.writeValueAsBytes(body), JSON)).build();
        try (Response resp = http.newCall(req).execute()) {
            JsonNode node = json.readTree(resp.body().byteStream());
            if (!resp.isSuccessful()) {
                console.show("!! " + node.path("error").asText("HTTP " + resp.code()));
                return;
            }
            profileSent = true;
            List<String> lines = new ArrayList<>();
            synchronized (this) {
                newReplies(node.path("replies"), lines);
                if (!node.path("complete").asBoolean(true)) {
                    lines.add("   (still working on it …)");
                }
                stateChange(node.path("state").asText(state.get()), lines);
                console.show(lines);
            }
        }
    }

    private void poll(OkHttpClient http, String base, ChatConsole console) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
                Request req = new Request.Builder().url(base + "/api/dev/messages?customer=" + customer + "&after="
                        + lastReply.get()).build();
                try (Response resp = http.newCall(req).execute()) {
                    if (resp.isSuccessful()) {
                        JsonNode node = json.readTree(resp.body().byteStream());
                        List<String> lines = new ArrayList<>();
                        synchronized (this) {
                            newReplies(node.path("replies"), lines);
                            stateChange(node.path("state").asText(state.get()), lines);
                            console.show(lines);
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // the server may be restarting; try again
            }
        }
    }

    /** Skips replies from earlier sessions so only new ones are shown. */
    private void catchUp(OkHttpClient http, String base) throws IOException {
        Request req = new Request.Builder().url(base + "/api/dev/messages?customer=" + customer + "&after=0").build();
        try (Response resp = http.newCall(req).execute()) {
            if (resp.isSuccessful()) {
                JsonNode node = json.readTree(resp.body().byteStream());
                for (JsonNode r : node.path("replies")) {
                    lastReply.accumulateAndGet(r.path("id").asLong(), Math::max);
                }
                state.set(node.path("state").asText("BOT"));
            }
        }
    }

    /** The replies not shown yet, as screen lines; both threads call it under this command's lock. */
    private void newReplies(JsonNode replies, List<String> lines) {
        for (JsonNode r : replies) {
            long id = r.path("id").asLong();
            if (id <= lastReply.get()) {
                continue;
            }
            lastReply.set(id);
            String who = switch (r.path("author").asText()) {
                case "human" -> "agent";
                case "system" -> "info";
                default -> "bot";
            };
            lines.add(who + "> " + r.path("text").asText().replace("\n", "\n     "));
        }
    }

    private void stateChange(String now, List<String> lines) {
        String before = state.getAndSet(now);
        if (before.equals(now)) {
            return;
        }
        switch (now) {
            case "QUEUED" -> lines.add("   — handed to a human: waiting in the queue —");
            case "HUMAN" -> lines.add("   — a human agent has joined —");
            default -> lines.add("   — back with the bot —");
        }
    }

    private static boolean serverAnswers(OkHttpClient http, int port) {
        OkHttpClient quick = http.newBuilder().callTimeout(Duration.ofMillis(500)).build();
        try (Response r = quick.newCall(new Request.Builder().url("http://localhost:" + port + "/healthz").build())
                .execute()) {
            return r.isSuccessful();
        } catch (IOException e) {
            return false;
        }
    }
}
