package dev.baton.app.lookup;

import dev.baton.core.lookup.LookupTransport;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

import java.io.IOException;

/**
 * Sends look-up calls with OkHttp: the look-up's {@code timeout} is the call timeout (connect, request, the whole
 * answer), the answer is read up to its size limit, and redirects are not followed (a redirect is an answer the
 * look-up reports as a failed status, so a bearer token never travels to another address). A URL that is a path
 * ({@code /dev/orders/…}) goes to this Baton's own server ({@link OwnServer}). One client for every look-up: the
 * per-call timeouts share its connection pool.
 */
public final class OkHttpLookupTransport implements LookupTransport {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient client;
    private final OwnServer own;

    /** @param client the base client (its pool and dispatcher are shared; its timeouts are replaced per call) */
    public OkHttpLookupTransport(OkHttpClient client, OwnServer own) {
        // OkHttp's retry on connection failure stays on: it replaces a pooled connection the API closed while it idled
        // (a look-up is read-only, GET or a POST declared safe, and is only retried when the request never got through)
        this.client = client.newBuilder().followRedirects(false).followSslRedirects(false).build();
        this.own = own;
    }

    @Override
    public Reply send(Call call) throws IOException {
        String url = call.url();
        if (url.startsWith("/")) {
            String base = own.base();
            if (base == null) {
                throw new IOException("this Baton's server is not listening yet");
            }
            url = base + url;
        }
        Request.Builder request = new Request.Builder().url(url);
        call.headers().forEach(request::header);
        request.method(call.method(), call.body() == null ? null : RequestBody.create(call.body(), JSON));
        OkHttpClient timed = client.newBuilder().callTimeout(call.timeout()).connectTimeout(call.timeout())
                .readTimeout(call.timeout()).writeTimeout(call.timeout()).build();
        try (Response response = timed.newCall(request.build()).execute()) {
            return new Reply(response.code(), read(response.body(), call.maxBytes()));
        }
    }

    private static byte[] read(ResponseBody body, int maxBytes) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        BufferedSource source = body.source();
        if (source.request(maxBytes + 1L)) {
            throw new TooLarge(maxBytes);
        }
        return source.getBuffer().readByteArray();
    }
}
