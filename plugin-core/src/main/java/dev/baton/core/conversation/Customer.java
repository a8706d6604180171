package dev.baton.core.conversation;

import dev.baton.core.channel.Channel;

import java.time.Instant;
import java.util.List;

/** A customer as Baton knows them: one per channel and platform id. */
public record Customer(long id, Channel channel, String platformId, String displayName, String tier,
                       List<String> tags, String language, Instant createdAt) {

    public Customer {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
