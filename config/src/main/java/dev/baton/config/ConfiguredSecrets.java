package dev.baton.config;

import dev.baton.inbox.config.InboxConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Every secret value a {@code baton.yaml} can hold: the LLM API key, the database password, an embeddings API's key, the inbox integration
 * token, the helpdesk webhook secret, agents' plain passwords, each look-up's bearer token and header values, and
 * each channel's tokens, app secrets and AES keys (as its module lists them). These are what {@link LogRedaction} masks by value; a new secret key in the config
 * belongs in this list, or in its channel module's {@code secrets}.
 */
public final class ConfiguredSecrets {

    private ConfiguredSecrets() {
    }

    /** The secret values of a config, unset ones left out. */
    public static List<String> of(BatonConfig cfg) {
        List<String> out = new ArrayList<>();
        if (cfg.llm() != null) {
            out.add(cfg.llm().apiKey());
        }
        out.add(cfg.storage().password());
        EmbeddingConfig embedding = cfg.knowledge().embedding();
        for (EmbeddingConfig.Model m : java.util.Arrays.asList(embedding.chinese(), embedding.english())) {
            if (m != null) {
                out.add(m.apiKey()); // an embeddings API's key
            }
        }
        InboxConfig inbox = cfg.inbox();
        out.add(inbox.apiToken());
        if (inbox.webhook() != null) {
            out.add(inbox.webhook().secret());
        }
        for (InboxConfig.Agent a : inbox.agents()) {
            out.add(a.password());
        }
        cfg.lookups().forEach(l -> out.addAll(l.secrets()));
        out.addAll(cfg.channels().secrets()); // each channel module names its own (ChannelModule.secrets)
        out.removeIf(s -> s == null || s.isBlank());
        return out;
    }
}
