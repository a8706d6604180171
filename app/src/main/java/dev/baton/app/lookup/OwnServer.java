package dev.baton.app.lookup;

/**
 * Where this Baton's HTTP server listens, for look-ups whose {@code url} is a path on it ({@code /dev/orders/{order}},
 * the demo). The engine is built before the server starts (the server routes to it), and a server on port 0 learns
 * its port only then: the runtime tells this once the server is up. A look-up called before that fails like an
 * unreachable API.
 */
public final class OwnServer {

    private volatile String base;

    /** The server is up on {@code port}; it is reached over the loopback interface, whatever {@code server.host}. */
    public void listening(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:PORT}, or null before the server started. */
    public String base() {
        return base;
    }
}
