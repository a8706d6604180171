package dev.baton.core.plugin;

import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.CustomerIdentities;
import dev.baton.core.channel.Sender;
import dev.baton.core.channel.TypingIndicator;
import dev.baton.core.handoff.HumanInbox;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ChannelModule} built: the routes it serves, the sender the outbox delivers its replies with and,
 * for a platform with its own human servicers (WeCom 微信客服), the {@link HumanInbox} that {@code inbox.kind: <key>}
 * selects. Closed by the app after the engine stopped.
 */
public interface ChannelRuntime extends AutoCloseable {

    /** The adapters serving this channel's routes (webhooks, or an API of its own); may be empty. */
    List<ChannelAdapter> adapters();

    Sender sender();

    /** The platform's own inbox for handed-off conversations, when the channel has one. */
    default Optional<HumanInbox> humanInbox() {
        return Optional.empty();
    }

    /**
     * How the business names this channel's customers and which of them may be linked to other identities of the
     * same person; by default the platform's ids, all vouched for by the platform.
     */
    default CustomerIdentities identities() {
        return CustomerIdentities.PLATFORM;
    }

    /** How the channel shows its customer that an agent is typing, when it can (the web widget). */
    default Optional<TypingIndicator> typing() {
        return Optional.empty();
    }

    /** Releases what the module opened itself; must not throw for a resource already released. */
    @Override
    default void close() {
    }

    /**
     * A runtime of the given parts.
     *
     * @param humanInbox the platform's inbox, or null
     * @param onClose    run by {@link #close()}, or null
     */
    static ChannelRuntime of(List<ChannelAdapter> adapters, Sender sender, HumanInbox humanInbox,
                             Runnable onClose) {
        List<ChannelAdapter> list = List.copyOf(adapters);
        Objects.requireNonNull(sender, "sender");
        return new ChannelRuntime() {
            @Override
            public List<ChannelAdapter> adapters() {
                return list;
            }

            @Override
            public Sender sender() {
                return sender;
            }

            @Override
            public Optional<HumanInbox> humanInbox() {
                return Optional.ofNullable(humanInbox);
            }

            @Override
            public void close() {
                if (onClose != null) {
                    onClose.run();
                }
            }
        };
    }
}
