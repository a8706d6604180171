package dev.baton.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.config.logging.LogRedaction;
import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Durations;
import dev.baton.core.config.Validated;
import dev.baton.core.plugin.ChannelModule;
import dev.baton.core.plugin.ChannelModules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Loads {@code baton.yaml}: parses YAML, interpolates {@code ${ENV}} / {@code ${ENV:-default}} in string values,
 * binds kebab-case keys onto {@link BatonConfig} and each {@code channels.<key>} block onto the config type of the
 * channel module that owns the key, rejects unknown keys (naming the nearest valid key), then runs every section's
 * validation. All failures become a {@link ConfigException} whose lines name the key and the fix.
 */
public final class ConfigLoader {

    private final UnaryOperator<String> env;
    private final ChannelModules modules;
    private final Set<String> sections;

    /** A loader for the channels installed on the class path. */
    public ConfigLoader(UnaryOperator<String> env) {
        this(env, ChannelModules.discover(ConfigLoader.class.getClassLoader()));
    }

    /** A loader that knows exactly these channels. */
    public ConfigLoader(UnaryOperator<String> env, ChannelModules modules) {
        this(env, modules, null);
    }

    private ConfigLoader(UnaryOperator<String> env, ChannelModules modules, Set<String> sections) {
        this.env = env;
        this.modules = modules;
        this.sections = sections;
    }

    /**
     * A loader that reads only the given top-level sections and leaves the others at their defaults, unread: for
     * commands that need one part of the file ({@code baton ask} and {@code baton index} need {@code knowledge:}),
     * so that a channel's unset secret or a mistake elsewhere does not stop them.
     */
    public ConfigLoader onlySections(String... names) {
        return new ConfigLoader(env, modules, Set.of(names));
    }

    public static ConfigLoader fromSystemEnv() {
        return new ConfigLoader(System::getenv);
    }

    public BatonConfig load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of("file not found; pass --config FILE or create "
                    + "baton.yaml (copy baton.example.yaml)"));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
    }

    /** SnakeYAML's one-line problem ("expected the node content, but found '<stream end>'"), not its excerpt. */
    private static String yamlProblem(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblem() != null) {
                return m.getContext() == null ? m.getProblem() : m.getContext() + ": " + m.getProblem();
            }
        }
        String message = String.valueOf(e.getOriginalMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    public BatonConfig load(InputStream in, String source) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode tree;
        try {
            tree = yaml.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            String problem = yamlProblem(e);
            throw new ConfigException(source, List.of(where + "not valid YAML (" + problem + "); " + yamlFix(problem)));
        } catch (IOException e) {
            throw new ConfigException(source, List.of("cannot read: " + e.getMessage()));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = JsonMapper.builder().build().createObjectNode();
        }
        if (!tree.isObject()) {
            throw new ConfigException(source, List.of("the top level must be a mapping of sections (server:, "
                    + "storage:, knowledge:, …)"));
        }
        if (sections != null) {
            ((ObjectNode) tree).retain(sections);
        }
        Interpolation interpolation = new Interpolation(env);
        interpolate(tree, "", interpolation);
        if (!interpolation.problems().isEmpty()) {
            throw new ConfigException(source, interpolation.problems());
        }
        JsonNode channelsNode = ((ObjectNode) tree).remove("channels");
        BatonConfig cfg = bind(tree, BatonConfig.class, "", source).withChannels(channels(channelsNode, source));
        // before validation, whose messages may quote a value: from here on no log line shows a configured secret
        LogRedaction.register(ConfiguredSecrets.of(cfg));
        ConfigProblems problems = new ConfigProblems();
        cfg.validate("", problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems.all());
        }
        return cfg;
    }

    /**
     * Binds {@code channels:}: each block onto the config type of the installed module that owns its key. An empty
     * block ({@code wechat:} with nothing under it) configures nothing, as an absent one.
     */
    private ChannelsConfig channels(JsonNode node, String source) {
        List<ChannelsConfig.Configured<?>> configured = new ArrayList<>();
        if (node == null || node.isNull()) {
            return new ChannelsConfig(modules, configured);
        }
        if (!node.isObject()) {
            throw new ConfigException(source, List.of("channels: wrong shape; expected a mapping of channel blocks ("
                    + String.join(", ", modules.keys()) + ")"));
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            ChannelModule<?> module = modules.find(key).orElseThrow(() -> {
                String nearest = nearest(key, new ArrayList<Object>(modules.keys()));
                return new ConfigException(source, List.of("channels." + key + ": unknown channel" + (nearest == null
                        ? "" : "; did you mean " + nearest + "?") + " (installed: "
                        + String.join(", ", modules.keys()) + ")"));
            });
            if (!e.getValue().isNull()) {
                configured.add(configured(module, e.getValue(), source));
            }
        }
        return new ChannelsConfig(modules, configured);
    }

    private <C extends Validated> ChannelsConfig.Configured<C> configured(ChannelModule<C> module, JsonNode node,
                                                                          String source) {
        return new ChannelsConfig.Configured<>(module, bind(node, module.configType(),
                "channels." + module.channel().key(), source));
    }

    /** Binds a tree onto a type; every failure names the key, under {@code prefix}, and what is expected there. */
    private static <T> T bind(JsonNode tree, Class<T> type, String prefix, String source) {
        try {
            return binder().treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            String key = path(e, prefix);
            String nearest = nearest(e.getPropertyName(), e.getKnownPropertyIds());
            throw new ConfigException(source, List.of(key + ": unknown key" + (nearest == null ? ""
                    : "; did you mean " + nearest + "?") + " (valid here: " + known(e.getKnownPropertyIds()) + ")"));
        } catch (InvalidFormatException e) {
            throw new ConfigException(source, List.of(path(e, prefix) + ": cannot use " + e.getValue()
                    + " here; expected " + describe(e.getTargetType())));
        } catch (MismatchedInputException e) {
            throw new ConfigException(source, List.of(path(e, prefix) + ": wrong shape; expected "
                    + describe(e.getTargetType())));
        } catch (JsonMappingException e) {
            String why = e.getOriginalMessage();
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof IllegalArgumentException && root.getMessage() != null) {
                why = root.getMessage();
            }
            throw new ConfigException(source, List.of(path(e, prefix) + ": " + why));
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of(e.getOriginalMessage()));
        }
    }

    /** The mapper that binds config: kebab-case keys, unknown keys fail, lenient durations ("20s", "500ms"). */
    public static ObjectMapper binder() {
        SimpleModule durations = new SimpleModule("baton-durations");
        durations.addDeserializer(Duration.class, new Durations.Deserializer());
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(durations)
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
    }

    private static void interpolate(JsonNode node, String key, Interpolation interpolation) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> fields = obj.fields();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            fields.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> e : entries) {
                String child = key.isEmpty() ? e.getKey() : key + "." + e.getKey();
                if (e.getValue().isTextual()) {
                    obj.set(e.getKey(), TextNode.valueOf(interpolation.resolve(child, e.getValue().asText())));
                } else {
                    interpolate(e.getValue(), child, interpolation);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                String child = key + "[" + i + "]";
                if (arr.get(i).isTextual()) {
                    arr.set(i, TextNode.valueOf(interpolation.resolve(child, arr.get(i).asText())));
                } else {
                    interpolate(arr.get(i), child, interpolation);
                }
            }
        }
    }

    private static String path(JsonMappingException e, String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration such as 20s or 5m";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(c.toString().toLowerCase(Locale.ROOT));
            }
            return "one of " + String.join(", ", names);
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "text";
        }
        return "a mapping of keys (" + type.getSimpleName() + ")";
    }

    private static String known(Collection<Object> ids) {
        List<String> names = new ArrayList<>();
        for (Object o : ids) {
            names.add(String.valueOf(o));
        }
        names.sort(null);
        return String.join(", ", names);
    }

    /** The valid key closest to a misspelt one (Levenshtein distance at most 3), or null. */
    static String nearest(String wrong, Collection<Object> knownIds) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Object o : knownIds) {
            String k = String.valueOf(o);
            int d = levenshtein(wrong.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.max(3, wrong.length() / 3) ? best : null;
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The fix for a YAML syntax problem: quoting for the two that look-up texts cause, else the general advice. */
    private static String yamlFix(String problem) {
        if (problem.contains("got {") || problem.contains("'{'")) {
            return "quote a text that holds {placeholders}, e.g. '订单 {order} 发货了吗'";
        }
        if (problem.contains("got ?") || problem.contains("'?'")) {
            return "inside { } quote a text that holds a ?, e.g. en: \"What is your order number?\"";
        }
        return "check the indentation and quoting there";
    }

    /** Reads a bundled resource as text (the example config). */
    public static String resource(String name) {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
