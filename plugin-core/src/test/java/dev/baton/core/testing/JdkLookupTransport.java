package dev.baton.core.testing;

import dev.baton.core.lookup.LookupTransport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A look-up transport over the JDK's HTTP client, for core tests against WireMock (the app's transport is OkHttp).
 * A timeout is reported as the transport contract says: an {@link java.io.InterruptedIOException}.
 */
public final class JdkLookupTransport implements LookupTransport {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    public final AtomicInteger calls = new AtomicInteger();

    @Override
    public Reply send(Call call) throws IOException {
        calls.incrementAndGet();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(call.url())).timeout(call.timeout())
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        call.headers().forEach(b::header);
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.body().length > call.maxBytes()) {
                throw new TooLarge(call.maxBytes());
            }
            return new Reply(r.statusCode(), r.body());
        } catch (HttpTimeoutException e) {
            throw new java.io.InterruptedIOException("timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }
}
