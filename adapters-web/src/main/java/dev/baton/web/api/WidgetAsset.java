package dev.baton.web.api;

import dev.baton.core.channel.WebhookResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /widget.js}: the one file a site embeds. Written as plain JavaScript and CSS in {@code web/} (no build
 * tool); the CSS is put into the script as a string when Baton starts, so the widget is one request and adopts its
 * styles into its own shadow root, which a strict Content-Security-Policy allows (no inline script or style element).
 * Public and cacheable, like any script on a CDN: what it may do is decided by the API's origin check.
 */
final class WidgetAsset {

    static final String CSS_PLACEHOLDER = "\"__BATON_CSS__\"";
    private final byte[] script;

    WidgetAsset() {
        String js = resource("widget.js");
        String css = resource("widget.css");
        if (!js.contains(CSS_PLACEHOLDER)) {
            throw new IllegalStateException("web/widget.js lost its CSS placeholder " + CSS_PLACEHOLDER);
        }
        this.script = js.replace(CSS_PLACEHOLDER, Json.write(css)).getBytes(StandardCharsets.UTF_8);
    }

    WebhookResponse response() {
        return new WebhookResponse(200, "text/javascript; charset=utf-8", script)
                .withHeader("Cache-Control", "public, max-age=300")
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Cross-Origin-Resource-Policy", "cross-origin");
    }

    /** The script as served (for its size in the docs and tests). */
    byte[] bytes() {
        return script.clone();
    }

    private static String resource(String name) {
        try (InputStream in = WidgetAsset.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource web/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
