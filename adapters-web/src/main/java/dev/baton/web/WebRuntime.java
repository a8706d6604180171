package dev.baton.web;

import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.CustomerIdentities;
import dev.baton.core.channel.Sender;
import dev.baton.core.channel.TypingIndicator;
import dev.baton.core.plugin.ChannelRuntime;

import java.util.List;
import java.util.Optional;

/**
 * What the web channel built: its adapter and sender, which of its customers are vouched for (signed-in users only)
 * and the agent's typing indicator. Nothing to release: streams end with the server, the rest is memory.
 */
record WebRuntime(List<ChannelAdapter> adapters, Sender sender, CustomerIdentities identities,
                  TypingIndicator typingIndicator) implements ChannelRuntime {

    WebRuntime {
        adapters = List.copyOf(adapters);
    }

    @Override
    public Optional<TypingIndicator> typing() {
        return Optional.of(typingIndicator);
    }
}
