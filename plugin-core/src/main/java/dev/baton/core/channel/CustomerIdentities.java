package dev.baton.core.channel;

import java.util.Optional;

/**
 * How a channel's customers are named by the business, and which of them may be recognised as one person across
 * channels. A WhatsApp number or a WeChat openid is vouched for by the platform itself, so the business's id of such
 * a customer is the platform id. A channel where a caller can say who they are (the web widget) vouches only for the
 * customers whose claim was checked (a valid user hash), and names them differently inside Baton ({@code user:<id>})
 * from how the business does ({@code <id>}): everyone else there (an anonymous visitor) must never be linkable to
 * another person by what they claim.
 */
public interface CustomerIdentities {

    /** The platform id of the customer the business calls {@code businessId}; empty when none can be vouched for. */
    Optional<String> platformId(String businessId);

    /** The business's id of a customer of this channel, or empty when the customer is not vouched for. */
    Optional<String> businessId(String platformId);

    /** True when who the customer is was vouched for, so they may be linked to another identity of the same person. */
    default boolean vouchedFor(String platformId) {
        return businessId(platformId).isPresent();
    }

    /** The platform's own ids: every customer is who the platform says (WhatsApp, WeChat, the dev channel). */
    CustomerIdentities PLATFORM = new CustomerIdentities() {
        @Override
        public Optional<String> platformId(String businessId) {
            return businessId == null || businessId.isBlank() ? Optional.empty() : Optional.of(businessId.strip());
        }

        @Override
        public Optional<String> businessId(String platformId) {
            return Optional.ofNullable(platformId);
        }
    };
}
