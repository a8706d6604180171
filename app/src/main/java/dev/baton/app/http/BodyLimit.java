package dev.baton.app.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The request body limit of every route, enforced while the body is read, so that no request can make the server
 * hold more than its route's limit in memory, with or without a {@code Content-Length} (a chunked body declares
 * none). A declared length over the limit is answered 413 before anything is read; otherwise the request's body
 * stream stops at limit + 1 bytes and throws {@link TooLarge}, which {@link HttpServer} answers 413. Either way the
 * response closes the connection, so the rest of the body is never read.
 *
 * <p>A webhook route has its adapter's limit; every other route (the inbox API, the dev channel, login, tokens)
 * has {@code server.max-body-bytes}. Javalin's own {@code maxRequestSize} is not enough: it looks only at the
 * declared length and reads a chunked body whole.
 */
final class BodyLimit implements Filter {

    private final long defaultLimit;
    private final Map<String, Long> routeLimits;

    /**
     * @param defaultLimit the limit of routes not in {@code routeLimits}
     * @param routeLimits  per-path limits (the webhook routes), by exact path without a trailing slash
     */
    BodyLimit(long defaultLimit, Map<String, Long> routeLimits) {
        this.defaultLimit = defaultLimit;
        this.routeLimits = Map.copyOf(routeLimits);
    }

    /** The limit for a request path; a trailing slash does not change it, as it does not change Javalin's route. */
    long limitFor(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return routeLimits.getOrDefault(p, defaultLimit);
    }

    /** Thrown by a request body stream at the first byte past the route's limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("request body too large: the limit is " + limit + " bytes", null, false, false);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)
                || !hasBody(http)) {
            chain.doFilter(request, response);
            return;
        }
        long limit = limitFor(http.getRequestURI());
        if (http.getContentLengthLong() > limit) {
            TooLarge e = new TooLarge(limit);
            out.setStatus(413);
            out.setHeader("Connection", "close");
            out.setContentType("application/json");
            out.getOutputStream().write(json(e).getBytes(StandardCharsets.UTF_8));
            out.flushBuffer();
            return;
        }
        Limited limited = new Limited(http, limit);
        chain.doFilter(limited, response);
        if (limited.exceeded()) {
            // send the 413 now: a response still uncommitted when the request completes makes Jetty first read
            // (and discard) whatever body keeps arriving, which for a fast client can be all of it
            out.flushBuffer();
        }
    }

    /** {@code {"error":"…"}}, the shape of every API error; the message is plain text and a number. */
    static String json(TooLarge e) {
        return "{\"error\":\"" + e.getMessage() + "\"}";
    }

    /** RFC 9112 §6.3: a request has a body only if it declares a length or a transfer coding. */
    private static boolean hasBody(HttpServletRequest r) {
        return r.getContentLengthLong() > 0 || r.getHeader("Transfer-Encoding") != null;
    }

    /** The request with a body stream that refuses to go past the limit. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private LimitedStream in;
        private BufferedReader reader;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                in = new LimitedStream(super.getInputStream(), limit);
            }
            return in;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String enc = getCharacterEncoding();
                Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), cs));
            }
            return reader;
        }

        boolean exceeded() {
            return in != null && in.count > limit;
        }
    }

    /** Counts what is read and throws {@link TooLarge} once more than {@code limit} bytes have come. */
    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            check(0);
            int b = in.read();
            if (b >= 0) {
                check(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check(0);
            // never ask for more than one byte past the limit, so an over-long body is noticed at limit + 1
            int n = in.read(b, off, (int) Math.min(len, limit + 1 - count));
            if (n > 0) {
                check(n);
            }
            return n;
        }

        private void check(int read) {
            count += read;
            if (count > limit) {
                throw new TooLarge(limit);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
