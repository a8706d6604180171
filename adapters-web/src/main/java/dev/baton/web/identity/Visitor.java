package dev.baton.web.identity;

import java.util.Objects;

/**
 * Who is calling the widget's API, as a verified token says: the customer id Baton knows them by on the {@code web}
 * channel ({@code visitor:<random>} for an anonymous visitor, {@code user:<id>} for a customer the site signed in and
 * vouched for), and the name and tier to show agents. The two id spaces never meet: an anonymous visitor cannot
 * become {@code user:…} without the site's hash.
 *
 * @param name a display name the site gave, or null
 * @param tier the tier the site gave a verified customer (null for anonymous visitors: they cannot claim one)
 */
public record Visitor(String customerId, boolean verified, String name, String tier) {

    static final String ANONYMOUS = "visitor:";
    static final String USER = "user:";

    public Visitor {
        Objects.requireNonNull(customerId, "customerId");
        if (verified != customerId.startsWith(USER) || !(customerId.startsWith(USER)
                || customerId.startsWith(ANONYMOUS))) {
            throw new IllegalArgumentException("not a web customer id: " + customerId);
        }
        tier = verified ? tier : null;
    }

    /** A new anonymous visitor with a random id. */
    public static Visitor anonymous(String randomId, String name) {
        return new Visitor(ANONYMOUS + randomId, false, name, null);
    }

    /** A customer the site signed in (its own user id, checked against the hash before this is called). */
    public static Visitor user(String userId, String name, String tier) {
        return new Visitor(USER + userId, true, name, tier);
    }

    /** The same visitor with another display name (or none). */
    public Visitor withName(String newName) {
        return new Visitor(customerId, verified, newName, tier);
    }
}
