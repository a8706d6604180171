package dev.baton.app.inbox;

import dev.baton.core.engine.EngineBuilder;
import dev.baton.inbox.http.InboxAuth;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.app.BatonRuntime;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.core.engine.EngineBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A Baton server for tests: the YAML template {@code inbox/test-baton.yaml} with a temp knowledge folder, an
 * in-memory H2 database and a free port; plus an HTTP client per agent (cookie jar, CSRF header).
 */
final class TestBaton implements AutoCloseable {

    static final String PASSWORD = "s3cret-pass";
    static final String API_TOKEN = "test-api-token-1234567890abc";

    final BatonRuntime runtime;
    final Path dir;
    /** The JDBC URL; pass it as replacement {@code DB} to start another Baton on the same database (a restart). */
    final String dbUrl;
    final ObjectMapper json = new ObjectMapper();

    private TestBaton(BatonRuntime runtime, Path dir, String dbUrl) {
        this.runtime = runtime;
        this.dir = dir;
        this.dbUrl = dbUrl;
    }

    /** Starts Baton; {@code replacements} fill {@code ${KEY}} placeholders of the template (e.g. extra groups). */
    static TestBaton start(Path dir, Map<String, String> replacements) throws IOException {
        return start(dir, replacements, engine -> { });
    }

    /** As {@link #start(Path, Map)}, with a last say over the engine's assembly (e.g. its clock). */
    static TestBaton start(Path dir, Map<String, String> replacements, Consumer<EngineBuilder> engine)
            throws IOException {
        Path knowledge = dir.resolve("knowledge");
        Files.createDirectories(knowledge);
        try (InputStream in = TestBaton.class.getResourceAsStream("/inbox/returns.md")) {
            Files.copy(in, knowledge.resolve("returns.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String yaml;
        try (InputStream in = TestBaton.class.getResourceAsStream("/inbox/test-baton.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String db = replacements.getOrDefault("DB", "jdbc:h2:mem:inbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        yaml = yaml.replace("@DIR@", dir.toString().replace('\\', '/')).replace("@DB@", db);
        for (Map.Entry<String, String> e : replacements.entrySet()) {
            yaml = yaml.replace("@" + e.getKey() + "@", e.getValue());
        }
        yaml = yaml.replaceAll("@[A-Z_]+@", "");
        Path file = dir.resolve("baton.yaml");
        Files.writeString(file, yaml);
        Map<String, String> env = Map.of("TEST_PASSWORD", PASSWORD);
        BatonConfig config = new ConfigLoader(env::get).load(file);
        return new TestBaton(BatonRuntime.start(config, engine), dir, db);
    }

    String base() {
        return "http://localhost:" + runtime.port();
    }

    /** A browser-like client without a login. */
    Client anonymous() {
        return new Client(this, null);
    }

    /** A client signed in as {@code name}. */
    Client login(String name) {
        Client c = new Client(this, null);
        HttpResponse<String> r = c.form("/inbox/login", "name=" + name + "&password=" + PASSWORD);
        if (r.statusCode() != 302 || !r.headers().firstValue("Location").orElse("").equals("/inbox")) {
            throw new IllegalStateException("login failed for " + name + ": " + r.statusCode());
        }
        c.csrf = c.getJson("/api/me").path("csrf").asText();
        return c;
    }

    /** A client using the API token (an integration), acting as {@code agent}. */
    Client token(String agent) {
        return new Client(this, agent);
    }

    /** A client sending {@code Authorization: Bearer <token>} (an agent's own token), nothing else. */
    Client bearer(String token) {
        Client c = new Client(this, null);
        c.bearer = token;
        return c;
    }

    /** A message from a dev-channel customer; returns the dev API's answer. */
    JsonNode customerSays(String customer, String text) {
        return anonymous().postJson("/api/dev/messages", Map.of("customer", customer, "text", text)).body;
    }

    @Override
    public void close() {
        runtime.close();
    }

    /** A response with its JSON body parsed. */
    record Json(int status, JsonNode body) {
    }

    static final class Client {
        final TestBaton server;
        final HttpClient http;
        final String tokenAgent;
        String csrf;
        String bearer;

        Client(TestBaton server, String tokenAgent) {
            this.server = server;
            this.tokenAgent = tokenAgent;
            this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path))
                    .timeout(Duration.ofSeconds(30));
            if (tokenAgent != null) {
                b.header("Authorization", "Bearer " + API_TOKEN).header("X-Baton-Agent", tokenAgent);
            }
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            return b;
        }

        HttpResponse<String> send(HttpRequest r) {
            try {
                return http.send(r, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        HttpResponse<String> get(String path) {
            return send(request(path).GET().build());
        }

        HttpResponse<String> form(String path, String body) {
            return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        Json delete(String path) {
            HttpRequest.Builder b = request(path);
            if (csrf != null) {
                b.header(InboxAuth.CSRF_HEADER, csrf);
            }
            return parse(send(b.DELETE().build()));
        }

        Json put(String path, Object body) {
            HttpRequest.Builder b = request(path).header("Content-Type", "application/json");
            if (csrf != null) {
                b.header(InboxAuth.CSRF_HEADER, csrf);
            }
            try {
                return parse(send(b.PUT(HttpRequest.BodyPublishers.ofString(
                        server.json.writeValueAsString(body))).build()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode getJson(String path) {
            return parse(get(path)).body;
        }

        Json getStatus(String path) {
            return parse(get(path));
        }

        Json postJson(String path, Object body) {
            return postJson(path, body, true);
        }

        Json postJson(String path, Object body, boolean withCsrf) {
            HttpRequest.Builder b = request(path).header("Content-Type", "application/json");
            if (withCsrf && csrf != null) {
                b.header(InboxAuth.CSRF_HEADER, csrf);
            }
            try {
                return parse(send(b.POST(HttpRequest.BodyPublishers.ofString(
                        server.json.writeValueAsString(body))).build()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Json parse(HttpResponse<String> r) {
            try {
                return new Json(r.statusCode(), r.body().isEmpty() ? server.json.createObjectNode()
                        : server.json.readTree(r.body()));
            } catch (IOException e) {
                return new Json(r.statusCode(), server.json.createObjectNode().put("raw", r.body()));
            }
        }

        static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
