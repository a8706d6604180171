package dev.baton.web.identity;

import dev.baton.core.channel.CustomerIdentities;

import java.util.Optional;

/**
 * The web channel's customers as the business names them: a signed-in customer is {@code user:<id>} inside Baton and
 * {@code <id>} (the site's own user id) for the business, and only they are vouched for, because the site's hash
 * proved the id. An anonymous visitor ({@code visitor:<random>}) has no business id and can never be linked to
 * another identity, whatever they type or claim.
 */
public final class WebIdentities implements CustomerIdentities {

    /** As the widget's API accepts a user id (at most 128 characters). */
    private static final int MAX_USER_ID = 128;

    @Override
    public Optional<String> platformId(String businessId) {
        if (businessId == null || businessId.isBlank() || businessId.length() > MAX_USER_ID
                || businessId.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(Visitor.USER + businessId.strip());
    }

    @Override
    public Optional<String> businessId(String platformId) {
        return platformId != null && platformId.startsWith(Visitor.USER) && platformId.length() > Visitor.USER.length()
                ? Optional.of(platformId.substring(Visitor.USER.length())) : Optional.empty();
    }
}
