package dev.baton.app.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The example shop's demo order API, so that the bundled {@code order_status} look-up works with no external service:
 * {@code GET /dev/orders/{id}} answers an order of the sample data as JSON, or 404. Served only while the dev channel
 * is on (it is a demo, like the dev chat). Texts written as {@code {zh: …, en: …}} in the sample data are answered in
 * the language the request asks for ({@code Accept-Language}, Chinese by default), as a real shop API localises them.
 * The data is {@code ./examples/shop/orders.json} when that file exists (edit it to try your own), else the copy
 * bundled in the jar.
 */
public final class DemoOrders implements Consumer<Javalin> {

    public static final String PATH = "/dev/orders/{id}";
    static final String FILE = "examples/shop/orders.json";
    static final String RESOURCE = "/baton/example-shop/orders.json";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, JsonNode> orders = new LinkedHashMap<>();

    /** The orders of a sample-data document ({@code {"orders": [{"id": …}, …]}}). */
    DemoOrders(JsonNode data) {
        for (JsonNode order : data.path("orders")) {
            orders.put(order.path("id").asText(), order);
        }
    }

    /** The sample data from {@code ./examples/shop/orders.json}, else the bundled copy. */
    public static DemoOrders load() {
        ObjectMapper json = new ObjectMapper();
        try {
            Path local = Path.of(FILE);
            if (Files.isRegularFile(local)) {
                return new DemoOrders(json.readTree(local.toFile()));
            }
            try (InputStream in = DemoOrders.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the demo orders are not bundled in this build");
                }
                return new DemoOrders(json.readTree(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo orders", e);
        }
    }

    @Override
    public void accept(Javalin app) {
        app.get(PATH, this::order);
    }

    private void order(Context ctx) {
        JsonNode order = orders.get(ctx.pathParam("id"));
        if (order == null) {
            ctx.status(404).json(Map.of("error", "no such order"));
            return;
        }
        ctx.contentType("application/json; charset=utf-8").result(localised(order, language(ctx)).toString());
    }

    /** {@code en} when the request asks for English first, else {@code zh}. */
    private static String language(Context ctx) {
        String accept = ctx.header("Accept-Language");
        return accept != null && accept.strip().toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "zh";
    }

    /** The order with every {@code {zh, en}} text replaced by the one in {@code language}. */
    private JsonNode localised(JsonNode order, String language) {
        ObjectNode out = json.createObjectNode();
        order.properties().forEach(e -> {
            JsonNode v = e.getValue();
            boolean texts = v.isObject() && v.has("zh") && v.has("en");
            out.set(e.getKey(), texts ? v.get(language) : v);
        });
        return out;
    }
}
