package dev.baton.app.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton chat} against a stand-in for a running Baton: a reply that the background poll fetches while the
 * customer's own message is still being sent is shown once, and the prompt after it once ("you> you> " was the bug:
 * the poller printed a prompt, then the sender printed its own).
 */
class ChatPromptTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final PrintStream originalOut = System.out;
    private final InputStream originalIn = System.in;

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setIn(originalIn);
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void should_print_one_prompt_when_the_poll_shows_the_reply_before_the_send_returns() throws Exception {
        CountDownLatch replyShown = new CountDownLatch(1);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public synchronized void write(int b) {
                screen.write(b);
                if (screen.toString(StandardCharsets.UTF_8).contains("bot> hi there")) {
                    replyShown.countDown();
                }
            }
        }, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream("hello\n/quit\n".getBytes(StandardCharsets.UTF_8)));

        String reply = "{\"id\":1,\"author\":\"bot\",\"text\":\"hi there\"}";
        AtomicInteger gets = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/healthz", ex -> respond(ex, "ok"));
        server.createContext("/api/dev/messages", ex -> {
            if (ex.getRequestMethod().equals("GET")) {
                // the first GET is the catch-up (nothing yet); the poll then finds the bot's reply
                respond(ex, gets.getAndIncrement() == 0 ? "{\"replies\":[],\"state\":\"BOT\"}"
                        : "{\"replies\":[" + reply + "],\"state\":\"BOT\"}");
                return;
            }
            try {
                // the send's own response comes only after the poll has shown the same reply
                replyShown.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, "{\"replies\":[" + reply + "],\"complete\":true,\"state\":\"BOT\"}");
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
        Path cfg = dir.resolve("baton.yaml");
        Files.writeString(cfg, """
                server: { port: %d }
                channels:
                  dev: { enabled: true }
                """.formatted(server.getAddress().getPort()));

        int code = Main.run("chat", "--config", cfg.toString());

        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(replyShown.getCount()).as("the poll showed the reply").isZero();
        assertThat(shown).doesNotContain("you> you> ");
        assertThat(shown.split("bot> hi there", -1)).as("the reply, once").hasSize(2);
        assertThat(shown.split("you> ", -1)).as("a prompt before the message and one after the reply").hasSize(3);
    }

    private static void respond(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }
}
