package dev.baton.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.plugin.PassiveReplies;
import dev.baton.web.config.WebConfig;
import dev.baton.web.guard.RateLimiter;
import dev.baton.web.identity.UserHash;
import dev.baton.web.identity.Visitor;
import dev.baton.web.identity.VisitorTokens;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/web/session}: who the widget speaks for. With {@code userId} and {@code userHash} (the site's
 * signed-in customer) the hash must match, or the call is refused: nobody claims a user id without the site's
 * secret. Otherwise the visitor is anonymous: the token they kept (their history) is renewed, or a new visitor starts
 * (limited per address). Answers the token, the panel's texts and the conversation's state.
 */
final class SessionApi {

    /** An anonymous visitor's token lasts a year from their last visit: their history is theirs that long. */
    static final Duration ANONYMOUS_TTL = Duration.ofDays(365);
    /** A signed-in customer's token lasts a day; the page signs them in again on every load. */
    static final Duration USER_TTL = Duration.ofHours(24);

    private final WebConfig config;
    private final VisitorTokens tokens;
    private final UserHash userHash;
    private final RateLimiter newVisitors;
    private final SecureRandom random;
    private final WebMetrics metrics;

    SessionApi(WebConfig config, VisitorTokens tokens, RateLimiter newVisitors, SecureRandom random,
               WebMetrics metrics) {
        this.config = config;
        this.tokens = tokens;
        this.userHash = config.verifiesIdentity() ? new UserHash(config.identitySecret()) : null;
        this.newVisitors = newVisitors;
        this.random = random;
        this.metrics = metrics;
    }

    Map<String, Object> open(ObjectNode body, String address, PassiveReplies sink) {
        String name = Inputs.line(Json.string(body, "name"), Inputs.MAX_NAME);
        String lang = "zh".equals(Json.string(body, "lang")) ? "zh" : "en";
        String userId = Json.string(body, "userId");
        Visitor visitor;
        String kind;
        if (userId != null && !userId.isBlank()) {
            visitor = signedIn(Inputs.userId(userId), Json.string(body, "userHash"), name, Json.string(body, "tier"));
            kind = "verified";
        } else {
            Optional<Visitor> kept = tokens.verify(Json.string(body, "token")).filter(v -> !v.verified());
            if (kept.isPresent()) {
                visitor = kept.get().withName(name != null ? name : kept.get().name());
                kind = "returning";
            } else {
                newVisitors.take(address).ifPresent(wait -> {
                    metrics.refused("rate");
                    throw new RateLimited("new visitors from this address", wait);
                });
                byte[] id = new byte[16];
                random.nextBytes(id);
                visitor = Visitor.anonymous(Base64.getUrlEncoder().withoutPadding().encodeToString(id), name);
                kind = "new";
            }
        }
        metrics.session(kind);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", tokens.issue(visitor, visitor.verified() ? USER_TTL : ANONYMOUS_TTL));
        out.put("verified", visitor.verified());
        if (visitor.name() != null) {
            out.put("name", visitor.name());
        }
        out.put("title", config.title().in(lang));
        out.put("color", config.color());
        out.put("maxTextChars", config.maxTextChars());
        out.put("status", LineView.state(sink.conversation(WebConfig.CHANNEL, visitor.customerId()).orElse(null)));
        return out;
    }

    private Visitor signedIn(String userId, String hash, String name, String tier) {
        if (userHash == null) {
            metrics.refused("identity");
            throw new Refusal(403, "this site does not verify signed-in users (channels.web.identity-secret is not "
                    + "set): leave out userId and userHash");
        }
        if (hash == null || hash.isBlank()) {
            metrics.refused("identity");
            throw new Refusal(403, "userHash is required with userId: HMAC-SHA256(identity-secret, userId) in hex, "
                    + "computed by the site's server");
        }
        if (!userHash.matches(userId, hash)) {
            metrics.refused("identity");
            throw new Refusal(403, "userHash does not match userId");
        }
        return Visitor.user(userId, name, Inputs.tier(tier));
    }
}
