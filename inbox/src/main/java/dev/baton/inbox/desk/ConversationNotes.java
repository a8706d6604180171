package dev.baton.inbox.desk;

import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.store.Store;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.store.NoteRepository;
import dev.baton.inbox.store.NoteRepository.Note;

import java.time.Clock;
import java.util.List;

/**
 * Agents' internal notes (内部备注) on a conversation, callable without HTTP. Any agent may add one to any conversation
 * (a hint for a colleague); agents see them in the transcript, marked as notes. They are stored apart from the
 * messages ({@link NoteRepository}), so they never go to the customer's channel, into the model's prompt or a summary,
 * into the knowledge suggestions, or into the webhook inbox's events.
 */
public final class ConversationNotes {

    /** The longest note. */
    public static final int MAX_TEXT = 2000;

    private final Store store;
    private final NoteRepository notes;
    private final ConversationEvents events;
    private final Clock clock;

    public ConversationNotes(Store store, NoteRepository notes, ConversationEvents events, Clock clock) {
        this.store = store;
        this.notes = notes;
        this.events = events;
        this.clock = clock;
    }

    /** Adds {@code p}'s note to the conversation; open inbox pages show it at once. */
    public Note add(Principal p, long conversationId, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw Refusal.invalid("note text is required");
        }
        if (t.length() > MAX_TEXT) {
            throw Refusal.invalid("note is longer than " + MAX_TEXT + " characters");
        }
        exists(conversationId);
        Note note = notes.insert(conversationId, p.name(), t, clock.instant());
        events.changed(conversationId, ConversationEvents.Kind.MESSAGE);
        return note;
    }

    /** The conversation's notes, oldest first. */
    public List<Note> list(long conversationId) {
        exists(conversationId);
        return notes.forConversation(conversationId);
    }

    private void exists(long conversationId) {
        if (store.db().withConnection(c -> store.conversations().byId(c, conversationId)).isEmpty()) {
            throw Refusal.notFound("no conversation " + conversationId);
        }
    }
}
