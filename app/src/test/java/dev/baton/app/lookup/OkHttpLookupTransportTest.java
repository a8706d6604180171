package dev.baton.app.lookup;

import dev.baton.core.lookup.LookupTransport;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls to the business's API through OkHttp, as a look-up makes them. */
class OkHttpLookupTransportTest {

    /**
     * A server that answers with keep-alive and then closes the connection while it idles (Jetty, nginx and most
     * APIs do after their idle time-out) must not turn the next look-up into a failure and a handoff: the stale
     * pooled connection is replaced. Seen in `baton chat`: the first order question answered, one three minutes
     * later handed to a person as lookup_failed (IOException after 6 ms).
     */
    @Test
    void should_answer_again_after_the_server_closed_an_idle_kept_alive_connection() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // the request's head; a GET has no body
                        }
                        OutputStream out = s.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n"
                                + "Connection: keep-alive\r\n\r\n{\"status\":\"sent\"}").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        // then the idle time-out: the connection is closed although the answer said keep-alive
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            OwnServer own = new OwnServer();
            own.listening(server.getLocalPort());
            OkHttpLookupTransport transport = new OkHttpLookupTransport(new OkHttpClient(), own);
            LookupTransport.Call call = new LookupTransport.Call("GET", "/orders/1", Map.of(), null,
                    Duration.ofSeconds(3), 4096);

            LookupTransport.Reply first = transport.send(call);
            LookupTransport.Reply second = transport.send(call); // on the pooled connection the server closed

            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"sent\"}");
            assertThat(connections.get()).as("the stale connection was replaced by a new one").isEqualTo(2);
        }
    }
}
