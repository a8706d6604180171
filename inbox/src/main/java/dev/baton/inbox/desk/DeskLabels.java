package dev.baton.inbox.desk;

import dev.baton.core.config.Localized;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.handoff.HandoffLabels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reasons and intents as the desk's agents read them, in the desk's language ({@code inbox.language}): the built-in
 * labels of {@link HandoffLabels}, and for the business's own intents the names given in {@code inbox.intent-labels}
 * (a business look-up is an intent too: its {@code description} names it unless {@code inbox.intent-labels} does).
 * The API keeps the codes next to these labels, so integrations that read codes are unaffected.
 */
public final class DeskLabels {

    private final String language;
    private final Map<String, Localized> intents;

    /**
     * @param language the desk's language ({@code zh} or {@code en})
     * @param intents  labels of the business's intents, by intent name
     */
    public DeskLabels(String language, Map<String, Localized> intents) {
        this.language = language;
        Map<String, Localized> byName = new LinkedHashMap<>();
        intents.forEach((k, v) -> byName.put(k.toLowerCase(Locale.ROOT), v));
        this.intents = Map.copyOf(byName);
    }

    /**
     * The same labels in {@code language} (an agent's own choice); this one for null or the same language. The
     * summaries stay as written, in the desk's language.
     */
    public DeskLabels in(String language) {
        return language == null || language.equals(this.language) ? this : new DeskLabels(language, intents);
    }

    /** The desk's language. */
    public String language() {
        return language;
    }

    /** Each reason's label, in the same order. */
    public List<String> reasons(List<HandoffReason> reasons) {
        return reasons.stream().map(r -> HandoffLabels.reason(r, language)).toList();
    }

    /** The label of the reason with this code. */
    public String reason(String code) {
        return HandoffLabels.reason(code, language);
    }

    /** The intent's label (configured, built in, or its name made readable); null for null. */
    public String intent(String intent) {
        if (intent == null) {
            return null;
        }
        Localized configured = intents.get(intent.toLowerCase(Locale.ROOT));
        return configured != null ? configured.in(language) : HandoffLabels.intent(intent, language);
    }

    /** A business look-up's label: as its intent (the look-up's name is one); never the bare code. */
    public String lookup(String name) {
        return intent(name);
    }
}
