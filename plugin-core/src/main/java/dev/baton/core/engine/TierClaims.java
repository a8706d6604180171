package dev.baton.core.engine;

import dev.baton.core.channel.InboundMessage;
import dev.baton.core.conversation.Customer;
import dev.baton.core.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/** The tier a channel vouches for on a message (e.g. the web's signed {@code data-tier}), applied before triage. */
final class TierClaims {

    private static final Logger log = LoggerFactory.getLogger(TurnProcessor.class);

    private TierClaims() {
    }

    /**
     * Applies the tier the channel vouches for, so that this very message is triaged with it; returns the customer
     * as it is now (the same instance when nothing changed). A malformed tier is ignored: channels check it first.
     */
    static Customer apply(Store store, Connection c, Customer cu, InboundMessage msg) throws SQLException {
        String tier = Customer.normalizeTier(msg.tierClaim().tier());
        if (Customer.tierProblem(tier) != null) {
            log.warn("customer {}: tier claimed by the {} channel ignored: {}", cu.id(), msg.channel().key(),
                    Customer.tierProblem(tier));
            return cu;
        }
        if (java.util.Objects.equals(tier, cu.tier())) {
            return cu;
        }
        store.customers().setTierAndTags(c, cu.id(), tier, cu.tags());
        log.info("customer {}: tier {} -> {} (claimed by the {} channel)", cu.id(), cu.tier(), tier,
                msg.channel().key());
        return new Customer(cu.id(), cu.channel(), cu.platformId(), cu.displayName(), tier, cu.tags(), cu.language(),
                cu.createdAt());
    }
}
