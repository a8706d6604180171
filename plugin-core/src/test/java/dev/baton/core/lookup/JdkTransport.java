package dev.baton.core.lookup;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/**
 * A {@link LookupTransport} over the JDK's HTTP client, for the core's tests against WireMock (the app sends with
 * OkHttp; the core has no HTTP client of its own). A timeout is reported as the SPI says: an
 * {@link InterruptedIOException}.
 */
final class JdkTransport implements LookupTransport {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public Reply send(Call call) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(call.url())).timeout(call.timeout());
        call.headers().forEach(b::header);
        b.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.body().length > call.maxBytes()) {
                throw new TooLarge(call.maxBytes());
            }
            return new Reply(r.statusCode(), r.body());
        } catch (HttpTimeoutException e) {
            throw new InterruptedIOException("timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
