package dev.baton.inbox.config;

import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Localized;
import dev.baton.core.config.Validated;
import dev.baton.core.handoff.routing.Group;
import dev.baton.core.handoff.routing.PositionUpdateConfig;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code inbox:} where humans work and how conversations reach them: the inbox kind, the agents who may log in to
 * the built-in inbox, the groups they serve (skills and business hours), the helpdesk webhook, the REST API token,
 * an optional CRM lookup and the queue timeout fallback.
 *
 * @param kind            {@code builtin} (Baton's /inbox), {@code webhook} (a helpdesk) or {@code wecom-kf}
 * @param apiToken        Bearer token for the REST API (integrations act with supervisor rights); a placeholder or
 *                        a token under 24 characters is refused, blank turns it off
 * @param crmUrl          optional customer lookup returning JSON; {@code {channel}} and {@code {platformId}} are
 *                        filled in
 * @param crmTimeout      how long the CRM lookup may take
 * @param webhook         where {@code kind: webhook} posts tickets
 * @param agents          who may log in to /inbox
 * @param groups          teams of agents with skills and business hours; a ticket for an unknown group is routed by
 *                        skills, else to the first group
 * @param queueTimeout    a ticket still unclaimed after this long triggers the fallback message (0 = never)
 * @param timeoutFallback {@code leave-message} or {@code callback}: what the customer is offered on timeout
 * @param timeoutMessage  overrides the built-in text of that fallback
 * @param sessionTtl      idle time after which an inbox login expires
 * @param positionUpdates unsolicited "you moved up in the queue" messages, within the channel's limits
 * @param customers       customers whose tier and tags the config sets (e.g. the VIP list), applied at start-up
 * @param language        the agents' language ({@code zh} or {@code en}): of the inbox pages, the labels and the
 *                        handoff summaries; null: the business's, read from the knowledge folder ({@link DeskLanguage})
 * @param intentLabels    how agents read the business's own intents ({@code warranty_claim: {zh: 保修, en: warranty}});
 *                        the built-in intents have labels already
 */
public record InboxConfig(String kind, String apiToken, String crmUrl, Duration crmTimeout, Webhook webhook,
                          List<Agent> agents, List<Group> groups, Duration queueTimeout, String timeoutFallback,
                          Localized timeoutMessage, Duration sessionTtl, PositionUpdateConfig positionUpdates,
                          List<Customer> customers, String language, Map<String, Localized> intentLabels,
                          List<CannedReply> cannedReplies)
        implements Validated {

    /** The languages the inbox is written in. */
    public static final List<String> LANGUAGES = List.of("zh", "en");

    public InboxConfig {
        kind = kind != null ? kind : "builtin";
        crmTimeout = crmTimeout != null ? crmTimeout : Duration.ofSeconds(3);
        agents = agents != null ? List.copyOf(agents) : List.of();
        groups = groups != null ? List.copyOf(groups) : List.of();
        queueTimeout = queueTimeout != null ? queueTimeout : Duration.ofMinutes(15);
        timeoutFallback = timeoutFallback != null ? timeoutFallback : "leave-message";
        sessionTtl = sessionTtl != null ? sessionTtl : Duration.ofHours(12);
        positionUpdates = positionUpdates != null ? positionUpdates : PositionUpdateConfig.defaults();
        customers = customers != null ? List.copyOf(customers) : List.of();
        language = language == null || language.isBlank() ? null : language.strip().toLowerCase(Locale.ROOT);
        intentLabels = intentLabels != null ? Collections.unmodifiableMap(new LinkedHashMap<>(intentLabels))
                : Map.of();
        cannedReplies = cannedReplies != null ? List.copyOf(cannedReplies) : List.of();
    }

    /** The defaults: built-in inbox, no agents, no groups. */
    public static InboxConfig defaults() {
        return new InboxConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /**
     * This config with {@code defaults} added to the intent labels (e.g. the business look-ups' descriptions): an
     * intent {@code intent-labels} names keeps its configured label.
     */
    public InboxConfig withIntentLabelDefaults(Map<String, Localized> defaults) {
        Map<String, Localized> merged = new LinkedHashMap<>(defaults);
        merged.putAll(intentLabels);
        return new InboxConfig(kind, apiToken, crmUrl, crmTimeout, webhook, agents, groups, queueTimeout,
                timeoutFallback, timeoutMessage, sessionTtl, positionUpdates, customers, language, merged, cannedReplies);
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        if (!List.of("builtin", "webhook", "wecom-kf").contains(kind)) {
            problems.add(prefix + ".kind", "must be builtin, webhook or wecom-kf, got " + kind);
        }
        if ("webhook".equals(kind) && (webhook == null || webhook.url() == null)) {
            problems.add(prefix + ".webhook.url", "kind webhook needs inbox.webhook.url (and a secret)");
        }
        if (webhook != null) {
            webhook.validate(prefix + ".webhook", problems);
        }
        positionUpdates.validate(prefix + ".position-updates", problems);
        if (language != null && !LANGUAGES.contains(language)) {
            problems.add(prefix + ".language", "must be zh or en (or left out: the language of the knowledge folder), "
                    + "got " + language);
        }
        intentLabels.forEach((intent, label) -> {
            if (intent.isBlank() || label == null) {
                problems.add(prefix + ".intent-labels", "each entry is intent: label, e.g. warranty_claim: {zh: 保修, "
                        + "en: warranty claim}");
            }
        });
        GuessableSecrets.checkApiToken(prefix + ".api-token", apiToken, problems);
        if (sessionTtl.compareTo(Duration.ofMinutes(1)) < 0) {
            problems.add(prefix + ".session-ttl", "must be at least 1m, got " + sessionTtl);
        }
        if (crmUrl != null && !crmUrl.startsWith("http://") && !crmUrl.startsWith("https://")) {
            problems.add(prefix + ".crm-url", "must be an http(s) URL, got " + crmUrl);
        }
        if (!List.of("leave-message", "callback").contains(timeoutFallback)) {
            problems.add(prefix + ".timeout-fallback", "must be leave-message or callback, got " + timeoutFallback);
        }
        Set<String> groupNames = new HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            g.validate(prefix + ".groups[" + i + "]", problems);
            if (g.name() != null && !groupNames.add(g.name())) {
                problems.add(prefix + ".groups[" + i + "].name", "duplicate group " + g.name());
            }
        }
        Set<String> shortcuts = new HashSet<>();
        for (int i = 0; i < cannedReplies.size(); i++) {
            CannedReply r = cannedReplies.get(i);
            String p = prefix + ".canned-replies[" + i + "]";
            if (r == null || r.shortcut() == null || !r.shortcut().matches("\\S{1,64}")) {
                problems.add(p + ".shortcut", "is required: one word of at most 64 characters, e.g. thanks");
            } else if (!shortcuts.add(r.shortcut())) {
                problems.add(p + ".shortcut", "duplicate shortcut " + r.shortcut());
            }
            if (r != null && (r.text() == null || r.text().texts().values().stream().allMatch(String::isBlank))) {
                problems.add(p + ".text", "is required: a text or {zh: …, en: …}");
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < customers.size(); i++) {
            Customer cu = customers.get(i);
            String p = prefix + ".customers[" + i + "]";
            if (cu == null) {
                problems.add(p, "is empty; write {channel: whatsapp, id: \"8613800000000\", tier: vip}");
                continue;
            }
            cu.validate(p, problems);
            if (cu.channel() != null && cu.id() != null && !seen.add(cu.channel() + "/" + cu.id())) {
                problems.add(p + ".id", "customer " + cu.id() + " on " + cu.channel() + " is listed twice");
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < agents.size(); i++) {
            Agent a = agents.get(i);
            String p = prefix + ".agents[" + i + "]";
            a.validate(p, problems);
            if (a.name() != null && !names.add(a.name())) {
                problems.add(p + ".name", "duplicate agent " + a.name());
            }
            for (String g : a.groups()) {
                if (!groups.isEmpty() && !groupNames.contains(g)) {
                    problems.add(p + ".groups", "unknown group " + g + "; define it under inbox.groups");
                }
            }
        }
    }

    @Override
    public String toString() {
        return "InboxConfig[kind=" + kind + ", apiToken=" + (apiToken == null ? "null" : "***") + ", agents="
                + agents.size() + ", groups=" + groups.size() + "]";
    }

    /**
     * {@code inbox.webhook:} the helpdesk endpoint for {@code kind: webhook}.
     *
     * @param url         receives {@code POST} ticket events as JSON
     * @param secret      HMAC-SHA256 key; the signature goes in {@code X-Baton-Signature: sha256=<hex>}
     * @param maxAttempts deliveries are retried with backoff up to this many attempts
     */
    public record Webhook(URI url, String secret, Integer maxAttempts) implements Validated {
        public Webhook {
            maxAttempts = maxAttempts != null ? maxAttempts : 5;
        }

        @Override
        public void validate(String prefix, ConfigProblems problems) {
            if (secret == null || secret.length() < 16) {
                problems.add(prefix + ".secret", "needs at least 16 characters so the helpdesk can verify "
                        + "X-Baton-Signature");
            }
            if (maxAttempts < 1 || maxAttempts > 20) {
                problems.add(prefix + ".max-attempts", "must be between 1 and 20, got " + maxAttempts);
            }
        }

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=***, maxAttempts=" + maxAttempts + "]";
        }
    }

    /**
     * {@code inbox.agents[]:} a person who logs in to /inbox.
     *
     * @param name         login name, shown to colleagues (never to customers unless they sign)
     * @param passwordHash from {@code baton hash-password}; preferred
     * @param password     a plain password, for demos only (e.g. {@code ${BATON_DEMO_PASSWORD:-baton-demo}})
     * @param groups       the groups whose queue the agent works; empty = all
     * @param capacity     how many conversations the agent may hold at once
     * @param role         {@code agent} or {@code supervisor} (assigns to others, sees analytics)
     */
    public record Agent(String name, String passwordHash, String password, List<String> groups, Integer capacity,
                        String role) implements Validated {
        public Agent {
            groups = groups != null ? List.copyOf(groups) : List.of();
            capacity = capacity != null ? capacity : 5;
            role = role != null ? role : "agent";
        }

        @Override
        public void validate(String prefix, ConfigProblems problems) {
            if (name == null || !name.matches("[\\p{L}\\p{N}._-]{1,64}")) {
                problems.add(prefix + ".name", "is required: 1 to 64 letters, digits, '.', '_' or '-'");
            }
            if ((passwordHash == null || passwordHash.isBlank()) && (password == null || password.isBlank())) {
                problems.add(prefix + ".password-hash", "is required; create one with `baton hash-password`");
            }
            if (passwordHash != null && !passwordHash.startsWith("pbkdf2-sha256$")) {
                problems.add(prefix + ".password-hash", "must come from `baton hash-password` (pbkdf2-sha256$…)");
            }
            if (capacity < 1) {
                problems.add(prefix + ".capacity", "must be at least 1, got " + capacity);
            }
            if (!List.of("agent", "supervisor").contains(role)) {
                problems.add(prefix + ".role", "must be agent or supervisor, got " + role);
            }
        }

        public boolean supervisor() {
            return "supervisor".equals(role);
        }

        @Override
        public String toString() {
            return "Agent[name=" + name + ", role=" + role + ", groups=" + groups + ", capacity=" + capacity + "]";
        }
    }

    /**
     * {@code inbox.customers[]:} a customer whose tier and tags come from the config, e.g. the VIP list. Applied at
     * every start: the customer is created if Baton has not seen them yet, and gets exactly this tier and these tags.
     *
     * @param channel the key of an installed channel: {@code dev}, {@code wechat}, {@code wecom-kf}, {@code whatsapp}, …
     * @param id      the customer's id on that channel (WhatsApp: the phone number as wa_id, e.g. 8613800000000;
     *                WeChat: the openid; dev: the name used with the dev API)
     * @param tier    the tier, e.g. {@code vip} (see {@code handoff.vip.tiers}); absent = none
     * @param tags    free labels shown to agents
     */
    public record Customer(String channel, String id, String tier, List<String> tags) implements Validated {
        public Customer {
            tags = tags != null ? List.copyOf(tags) : List.of();
        }

        @Override
        public void validate(String prefix, ConfigProblems problems) {
            if (channel == null || !dev.baton.core.channel.Channel.isValidKey(channel)) {
                problems.add(prefix + ".channel", "must be a channel key such as whatsapp, got " + channel);
            } // and an installed one: BatonConfig checks that, it knows the channels
            if (id == null || id.isBlank() || id.length() > 256) {
                problems.add(prefix + ".id", "is required: the customer's id on the channel (1 to 256 characters), "
                        + "e.g. \"8613800000000\" for WhatsApp; quote it so YAML keeps it a string");
            }
            String tierProblem = TierAndTags.tierProblem(tier);
            if (tierProblem != null) {
                problems.add(prefix + ".tier", tierProblem);
            }
            String tagsProblem = TierAndTags.tagsProblem(tags);
            if (tagsProblem != null) {
                problems.add(prefix + ".tags", tagsProblem);
            }
            if (tier == null && tags.isEmpty()) {
                problems.add(prefix + ".tier", "give a tier or tags, otherwise the entry does nothing");
            }
        }
    }

    /**
     * {@code inbox.canned-replies[]:} a team canned reply (快捷回复) the config provides. Added at start-up when no team
     * reply has this shortcut yet; after that, supervisors change it in the inbox (the config does not overwrite it).
     *
     * @param shortcut what agents type after {@code /}, e.g. {@code thanks}
     * @param text     a text, or {@code {zh: …, en: …}}; may use {@code {customer.name}}, {@code {agent.name}}, …
     */
    public record CannedReply(String shortcut, Localized text) {
    }
}
