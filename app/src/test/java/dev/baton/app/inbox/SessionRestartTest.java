package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.inbox.http.InboxAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser stays signed in across a Baton restart (sessions live in the database), and logout ends it. */
class SessionRestartTest {

    @Test
    void should_keep_a_browser_signed_in_across_a_baton_restart(@TempDir Path dir) throws Exception {
        TestBaton first = TestBaton.start(dir, Map.of());
        String cookie;
        String csrf;
        String db;
        try {
            TestBaton.Client bob = first.login("bob");
            csrf = bob.csrf;
            db = first.dbUrl;
            cookie = ((java.net.CookieManager) bob.http.cookieHandler().orElseThrow()).getCookieStore().getCookies()
                    .stream().filter(c -> c.getName().equals(InboxAuth.COOKIE)).findFirst().orElseThrow().getValue();
        } finally {
            first.close();
        }
        TestBaton second = TestBaton.start(dir, Map.of("DB", db));
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(second.base() + "/api/me"))
                    .header("Cookie", InboxAuth.COOKIE + "=" + cookie).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
            JsonNode body = second.json.readTree(me.body());
            assertThat(body.path("name").asText()).isEqualTo("bob");
            assertThat(body.path("csrf").asText()).isEqualTo(csrf);

            HttpResponse<String> out = http.send(HttpRequest.newBuilder(URI.create(second.base() + "/inbox/logout"))
                    .header("Cookie", InboxAuth.COOKIE + "=" + cookie).header(InboxAuth.CSRF_HEADER, csrf)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(out.statusCode()).isEqualTo(302);
            HttpResponse<String> gone = http.send(HttpRequest.newBuilder(URI.create(second.base() + "/api/me"))
                    .header("Cookie", InboxAuth.COOKIE + "=" + cookie).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(gone.statusCode()).isEqualTo(401);
        } finally {
            second.close();
        }
    }
}
