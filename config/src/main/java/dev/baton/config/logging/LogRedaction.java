package dev.baton.config.logging;

import ch.qos.logback.core.Context;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masks secrets in text on its way to a log: the configured secret values (registered when the config is loaded,
 * see {@link ConfiguredSecrets}) and, whatever their origin, bearer tokens ({@code Bearer …},
 * {@code Authorization: …}), secret-looking query and form parameters ({@code access_token=…}, {@code secret=…},
 * {@code key=…}, …) and their JSON fields, passwords in URLs ({@code ://user:…@}) and Baton's own API tokens
 * ({@code bt_…}). A provider or proxy that echoes a key into an error body, a logged URL with a token in it, an
 * exception message: all pass through {@link #redact} in {@link RedactingLayout}, so no logger needs to be careful.
 *
 * <p>One instance per logback context (the layout is created by logback's configurator, not by Baton, so it finds
 * this through the context). Secrets shorter than {@value #MIN_SECRET} characters are not masked: they are no
 * secret, and masking them would blank out ordinary words.
 */
public final class LogRedaction {

    public static final String MASK = "***";
    static final int MIN_SECRET = 4;
    private static final String CONTEXT_KEY = LogRedaction.class.getName();

    private static final String PARAMS = "access_token|refresh_token|id_token|token|secret|corpsecret|appsecret"
            + "|client_secret|api_key|apikey|key|password|passwd";
    private static final Pattern GENERIC = Pattern.compile(
            "(?i)(\\bbearer\\s+)[A-Za-z0-9._~+/=-]+"
                    + "|(\\bauthorization[\"']?\\s*[:=]\\s*[\"']?(?!bearer\\b)(?:[A-Za-z]+\\s+)?)[^\\s\"',;]+"
                    + "|((?:^|[?&;\\s\"'{,(])(?:" + PARAMS + ")=)[^&\\s\"'<>,;)}]+"
                    + "|(\"(?:" + PARAMS + ")\"\\s*:\\s*\")[^\"]*"
                    + "|(://[^/\\s:@]+:)[^/\\s@]+(?=@)"
                    + "|()\\bbt_[A-Za-z0-9_-]{16,}");

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private volatile Pattern literal;

    LogRedaction() {
    }

    /**
     * Adds secrets to the redaction of the process's logging (logback's context); a no-op when SLF4J is bound to
     * another backend, which then has to be configured by the host that chose it.
     */
    public static void register(Collection<String> secrets) {
        if (LoggerFactory.getILoggerFactory() instanceof Context ctx) {
            of(ctx).add(secrets);
        }
    }

    /** The instance of a logback context, created at first use. */
    static LogRedaction of(Context ctx) {
        synchronized (LogRedaction.class) {
            Object o = ctx.getObject(CONTEXT_KEY);
            if (o instanceof LogRedaction r) {
                return r;
            }
            LogRedaction r = new LogRedaction();
            ctx.putObject(CONTEXT_KEY, r);
            return r;
        }
    }

    /** Adds secrets to mask, as written and URL-encoded; blank and very short ones are ignored. */
    public synchronized void add(Collection<String> values) {
        boolean changed = false;
        for (String v : values) {
            if (v == null || v.strip().length() < MIN_SECRET) {
                continue;
            }
            changed |= secrets.add(v.strip());
            changed |= secrets.add(URLEncoder.encode(v.strip(), StandardCharsets.UTF_8));
        }
        if (changed) {
            // longest first, so that a secret containing another is masked whole
            literal = Pattern.compile(secrets.stream().sorted(Comparator.comparingInt(String::length).reversed())
                    .map(Pattern::quote).collect(Collectors.joining("|")));
        }
    }

    /** The text with every known secret and every token-shaped value replaced by {@value #MASK}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Pattern l = literal;
        String out = l == null ? text : l.matcher(text).replaceAll(MASK);
        Matcher m = GENERIC.matcher(out);
        if (!m.find()) {
            return out;
        }
        StringBuilder sb = new StringBuilder(out.length());
        do {
            String kept = "";
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    kept = m.group(g);
                    break;
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(kept + MASK));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
