package dev.baton.web.identity;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the business names web customers, for linking them across channels: only a signed-in user (proved by the site's
 * hash) is vouched for; an anonymous visitor never is, and no business id can name one.
 */
class WebIdentitiesTest {

    private final WebIdentities identities = new WebIdentities();

    @Test
    void should_vouch_for_a_signed_in_user_and_name_them_by_the_sites_own_id() {
        Visitor user = Visitor.user("u-42", "Li Lei", null);

        assertThat(identities.vouchedFor(user.customerId())).isTrue();
        assertThat(identities.businessId(user.customerId())).contains("u-42");
        assertThat(identities.platformId("u-42")).contains(user.customerId());
        assertThat(identities.platformId(" u-42 ")).as("stripped, as the widget's API strips it")
                .contains(user.customerId());
    }

    @Test
    void should_never_vouch_for_an_anonymous_visitor_nor_let_a_business_id_name_one() {
        Visitor visitor = Visitor.anonymous("abc123", "Li Lei");

        assertThat(identities.vouchedFor(visitor.customerId())).isFalse();
        assertThat(identities.businessId(visitor.customerId())).isEmpty();
        assertThat(identities.platformId(visitor.customerId())).as("a signed-in user named so, never the visitor")
                .contains("user:" + visitor.customerId());
        assertThat(identities.vouchedFor("user:")).isFalse();
    }

    @Test
    void should_refuse_ids_the_widget_would_refuse() {
        assertThat(identities.platformId("")).isEmpty();
        assertThat(identities.platformId("a\u0000b")).isEmpty();
        assertThat(identities.platformId("x".repeat(129))).isEqualTo(Optional.empty());
    }
}
