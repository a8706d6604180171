package dev.baton.core.lookup;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Durations;
import dev.baton.core.config.LlmConfig;
import dev.baton.core.config.Localized;
import dev.baton.core.config.Validated;
import dev.baton.core.triage.TriageConfig;
import dev.baton.core.triage.TriageOverrides;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One business look-up, bound from an entry of the YAML {@code lookups:} list (kebab-case keys, unknown keys
 * rejected). The operator connects their order system without code:
 *
 * <pre>{@code
 * lookups:
 *   - name: order_status
 *     description: { zh: 查询订单状态和物流, en: Order status and tracking }
 *     examples: [我的订单到哪了, 订单 {order} 发货了吗, where is my order, track order {order}]
 *     params:
 *       order: { pattern: '\d{8}-\d{4}|\d{12,20}', ask: { zh: 请提供订单号, en: What is your order number? } }
 *     request: { method: GET, url: 'https://api.shop.example.com/orders/{order}', auth: { bearer: ${SHOP_TOKEN} },
 *                timeout: 3s }
 *     answer:
 *       zh: '订单 {order}：{$.status_text}，{$.carrier} {$.tracking_no}，预计 {$.eta} 送达。'
 *       en: 'Order {order}: {$.status_text}, {$.carrier} {$.tracking_no}, expected {$.eta}.'
 *     on-not-found: { zh: 没有找到这个订单号，请核对一下。, en: I couldn't find that order number. }
 *     on-error: handoff        # or: apologise
 * }</pre>
 *
 * @param name           stable name: lower-case letters, digits and {@code _}; it names the look-up's triage intent
 *                       (its examples join the intent of that name, e.g. the built-in {@code order_status}), its LLM
 *                       tool, its metrics and its results in the inbox
 * @param description    what it looks up, for the LLM's tool description (default: the name)
 * @param examples       how customers ask; {@code {param}} marks where a value goes (left out when embedding)
 * @param params         the values the request needs, by name, in order: from the customer's words by
 *                       {@code pattern} (asked for with {@code ask} when missing), or {@code from: identity}, the
 *                       channel's verified customer id (never a value the customer typed)
 * @param request        the HTTP call: read-only (GET, or POST declared {@code safe: true})
 * @param answer         the reply when the record is found: {@code {param}} and {@code {$.json.path}} placeholders
 * @param onNotFound     the reply when there is no such record (HTTP 404/410, an empty body, nothing at
 *                       {@code found-at})
 * @param onError        {@code handoff} (default) or {@code apologise} when the call fails (timeout, 5xx, an
 *                       unreadable answer, circuit open): the customer always gets an answer or a person
 * @param apology        the reply with {@code on-error: apologise} (a default in both languages)
 * @param foundAt        a JSON path that must hold a value for the record to count as found, for APIs that answer
 *                       200 with {@code {"data": null}}; absent: any non-empty JSON answer is found
 * @param mask           JSON field names whose values never reach the logs, at any depth (replaces the default list)
 * @param circuitBreaker after this many consecutive failures the look-up is not called for a while
 */
public record LookupConfig(String name, Localized description, List<String> examples, Map<String, Param> params,
                           Request request, Localized answer, Localized onNotFound, OnError onError,
                           Localized apology, String foundAt, List<String> mask,
                           LlmConfig.CircuitBreakerConfig circuitBreaker) implements Validated {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");
    private static final Pattern PARAM_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    /** Field names masked in logs unless {@code mask:} says otherwise. */
    public static final List<String> DEFAULT_MASK = List.of("phone", "mobile", "tel", "email", "address",
            "name", "receiver", "recipient", "id_card", "id_number");
    public static final Localized DEFAULT_NOT_FOUND = Localized.of("没有查到相关记录，请核对后再试。",
            "I couldn't find a matching record. Please check it and try again.");
    public static final Localized DEFAULT_APOLOGY = Localized.of(
            "抱歉，暂时查询不到，请稍后再试，或回复“转人工”联系人工客服。",
            "Sorry, I can't look that up right now. Please try again later, or reply \"agent\" for a person.");

    public LookupConfig {
        examples = examples == null ? List.of() : examples.stream().filter(Objects::nonNull).toList();
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        onNotFound = onNotFound != null ? onNotFound : DEFAULT_NOT_FOUND;
        onError = onError != null ? onError : OnError.HANDOFF;
        apology = apology != null ? apology : DEFAULT_APOLOGY;
        mask = mask == null ? DEFAULT_MASK : mask.stream().filter(Objects::nonNull).toList();
        circuitBreaker = circuitBreaker != null ? circuitBreaker : LlmConfig.CircuitBreakerConfig.defaults();
    }

    /** What the customer gets when the call fails. */
    public enum OnError {
        /** A person takes over ({@code lookup_failed}). */
        HANDOFF,
        /** The configured apology; the conversation stays with the bot. */
        APOLOGISE
    }

    /** Where a parameter's value comes from. */
    public enum Source {
        /** The customer's words (this message or the last few), by the parameter's pattern. */
        MESSAGE,
        /** The channel's verified id of the customer (WeChat openid, WhatsApp wa_id, a signed web user id). */
        IDENTITY
    }

    /** The HTTP methods a look-up may use. */
    public enum Method { GET, POST }

    /**
     * A parameter.
     *
     * @param pattern     a Java regular expression finding the value in the customer's words (its first match;
     *                    the first group when it has one)
     * @param ask         what the bot asks when the value is missing (once)
     * @param from        {@code message} (default) or {@code identity}
     * @param description what the value is, for the LLM's tool schema (default: the English {@code ask})
     */
    public record Param(String pattern, Localized ask, Source from, String description) {
        public Param {
            from = from != null ? from : Source.MESSAGE;
        }

        public boolean identity() {
            return from == Source.IDENTITY;
        }
    }

    /**
     * The call.
     *
     * @param method  {@code GET} (default), or {@code POST} with {@code safe: true}
     * @param url     {@code https://…/orders/{order}} (values URL-encoded), or a path on this Baton ({@code /dev/…},
     *                the demo's order API)
     * @param auth    {@code bearer: …} sends {@code Authorization: Bearer …}
     * @param headers more headers (e.g. an API key); their values are masked in logs
     * @param timeout the whole call, connect to last byte (default 3s, at most 30s)
     * @param safe    the operator's word that this POST only reads
     * @param body    for POST: a JSON object of text templates ({@code {order}})
     */
    public record Request(Method method, String url, Auth auth, Map<String, String> headers,
                          @JsonDeserialize(using = Durations.Deserializer.class) Duration timeout, Boolean safe,
                          Map<String, String> body) {
        public Request {
            method = method != null ? method : Method.GET;
            headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            timeout = timeout != null ? timeout : Duration.ofSeconds(3);
            safe = safe != null && safe;
            body = body == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(body));
        }
    }

    /** {@code auth:} of a request. */
    public record Auth(String bearer) {
    }

    /** The look-up's examples as a triage intent of its name (placeholders left out), so triage recognises it. */
    public TriageConfig.IntentDefinition intent() {
        List<String> plain = examples.stream().map(e -> e.replaceAll("\\{[A-Za-z_][A-Za-z0-9_]*}", " ")
                .replaceAll("\\s+", " ").strip()).filter(e -> !e.isEmpty()).distinct().toList();
        return new TriageConfig.IntentDefinition(name, List.of(), List.of(), plain);
    }

    /** Every look-up's examples as triage intents of their names (the {@code triage:} overrides' shape). */
    public static TriageOverrides intents(List<LookupConfig> lookups) {
        return new TriageOverrides(null, null, lookups.stream().map(LookupConfig::intent).toList(), null, null, null,
                null, null);
    }

    /**
     * Each described look-up's description by its name: how agents read the look-up (and the intent of its name) in
     * the inbox, unless the inbox names that intent itself.
     */
    public static Map<String, Localized> labels(List<LookupConfig> lookups) {
        Map<String, Localized> out = new LinkedHashMap<>();
        lookups.stream().filter(l -> l.name() != null && l.description() != null)
                .forEach(l -> out.put(l.name(), l.description()));
        return out;
    }

    /** The secret values of this look-up (bearer token, header values), for log redaction. */
    public List<String> secrets() {
        List<String> out = new java.util.ArrayList<>();
        if (request != null) {
            if (request.auth() != null) {
                out.add(request.auth().bearer());
            }
            out.addAll(request.headers().values());
        }
        out.removeIf(s -> s == null || s.isBlank());
        return out;
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        if (name == null || name.isBlank()) {
            problems.add(prefix + ".name", "required; e.g. name: order_status");
        } else if (!NAME.matcher(name).matches()) {
            problems.add(prefix + ".name", "must be lower-case letters, digits and _, starting with a letter (it "
                    + "names an intent and an LLM tool), e.g. order_status; got \"" + name + "\"");
        }
        if (examples.isEmpty()) {
            problems.add(prefix + ".examples", "empty; list how customers ask, e.g. [我的订单到哪了, where is my "
                    + "order, track order {order}]");
        }
        for (int i = 0; i < examples.size(); i++) {
            usesDeclared(prefix + ".examples[" + i + "]", examples.get(i), false, problems);
        }
        params.forEach((key, p) -> checkParam(prefix + ".params." + key, key, p, problems));
        if (request == null) {
            problems.add(prefix + ".request", "required; e.g. request: { method: GET, url: "
                    + "'https://api.shop.example.com/orders/{order}', timeout: 3s }");
        } else {
            checkRequest(prefix + ".request", problems);
        }
        if (answer == null) {
            problems.add(prefix + ".answer", "required; e.g. answer: { zh: '订单 {order}：{$.status}', en: 'Order "
                    + "{order}: {$.status}' }");
        } else {
            texts(prefix + ".answer", answer, true, problems);
        }
        texts(prefix + ".on-not-found", onNotFound, false, problems);
        texts(prefix + ".apology", apology, false, problems);
        if (foundAt != null) {
            try {
                JsonPath.parse(foundAt);
            } catch (IllegalArgumentException e) {
                problems.add(prefix + ".found-at", e.getMessage());
            }
        }
        if (mask.stream().anyMatch(String::isBlank)) {
            problems.add(prefix + ".mask", "blank field name; list JSON field names, e.g. [phone, address]");
        }
        circuitBreaker.validate(prefix + ".circuit-breaker", problems);
    }

    private void checkParam(String key, String paramName, Param p, ConfigProblems problems) {
        if (!PARAM_NAME.matcher(paramName).matches()) {
            problems.add(key, "a parameter name is lower-case letters, digits and _, starting with a letter, e.g. "
                    + "order");
        }
        if (p == null) {
            problems.add(key, "empty; e.g. { pattern: '\\d{12}', ask: { zh: 请提供订单号, en: What is your order "
                    + "number? } } or { from: identity }");
            return;
        }
        if (p.identity()) {
            if (p.pattern() != null || p.ask() != null) {
                problems.add(key, "an identity parameter is the channel's verified customer id, never the "
                        + "customer's words: remove pattern and ask");
            }
            return;
        }
        if (p.pattern() == null || p.pattern().isBlank()) {
            problems.add(key + ".pattern", "required; a regular expression for the value, e.g. '\\d{8}-\\d{4}' "
                    + "(or from: identity for the customer's verified id)");
        } else {
            try {
                Pattern.compile(p.pattern());
            } catch (RuntimeException e) {
                problems.add(key + ".pattern", "not a regular expression (" + e.getMessage().lines().findFirst()
                        .orElse("") + ")");
            }
        }
        if (p.ask() == null) {
            problems.add(key + ".ask", "required; what the bot asks when the value is missing, e.g. ask: { zh: "
                    + "请提供订单号, en: What is your order number? }");
        }
    }

    private void checkRequest(String key, ConfigProblems problems) {
        String url = request.url();
        if (url == null || url.isBlank()) {
            problems.add(key + ".url", "required; e.g. url: 'https://api.shop.example.com/orders/{order}'");
        } else {
            if (!url.startsWith("https://") && !url.startsWith("http://") && !url.startsWith("/")) {
                problems.add(key + ".url", "must be an http(s) URL, or a path on this Baton starting with /; got "
                        + url);
            }
            usesDeclared(key + ".url", url, true, problems);
        }
        if (request.method() == Method.POST && !request.safe()) {
            problems.add(key + ".method", "a look-up only reads: POST changes things in most APIs; use GET, or "
                    + "declare safe: true when this POST only reads");
        }
        if (request.method() != Method.POST && !request.body().isEmpty()) {
            problems.add(key + ".body", "only a POST has a body; remove it or use method: POST with safe: true");
        }
        request.body().forEach((k, v) -> usesDeclared(key + ".body." + k, v == null ? "" : v, true, problems));
        if (request.timeout().compareTo(Duration.ofMillis(100)) < 0
                || request.timeout().compareTo(Duration.ofSeconds(30)) > 0) {
            problems.add(key + ".timeout", "must be between 100ms and 30s (the customer is waiting); e.g. 3s");
        }
        if (request.auth() != null && (request.auth().bearer() == null || request.auth().bearer().isBlank())) {
            problems.add(key + ".auth.bearer", "empty; set it, e.g. bearer: ${SHOP_TOKEN}, or remove auth");
        }
        for (String header : request.headers().keySet()) {
            if (!HEADER.matcher(header).matches()) {
                problems.add(key + ".headers." + header, "not a valid HTTP header name");
            }
        }
    }

    private void texts(String key, Localized texts, boolean mayReadResult, ConfigProblems problems) {
        texts.texts().forEach((lang, text) -> {
            String at = texts.isSingle() ? key : key + "." + lang;
            Template t = usesDeclared(at, text == null ? "" : text, false, problems);
            if (t != null && !mayReadResult && t.readsResult()) {
                problems.add(at, "no API answer is known here: remove the {$…} placeholders");
            }
        });
    }

    /** Parses a template, adding a problem for a malformed path or a parameter that is not declared. */
    private Template usesDeclared(String key, String text, boolean identityAllowed, ConfigProblems problems) {
        Template t;
        try {
            t = Template.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(key, e.getMessage());
            return null;
        }
        for (String p : t.params()) {
            Param declared = params.get(p);
            if (declared == null) {
                problems.add(key, "{" + p + "} is not a parameter; declare it under params (declared: "
                        + (params.isEmpty() ? "none" : String.join(", ", params.keySet())) + ")");
            } else if (declared.identity() && !identityAllowed) {
                problems.add(key, "{" + p + "} is the customer's verified id: it goes to the API only (url, body), "
                        + "never into what customers write or read");
            }
        }
        return t;
    }
}
