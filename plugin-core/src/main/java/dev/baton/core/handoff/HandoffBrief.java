package dev.baton.core.handoff;

import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Message;
import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TurnSignals;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.baton.core.handoff.CustomerMessages.PLACEHOLDER;
import static dev.baton.core.handoff.CustomerMessages.detailOnly;
import static dev.baton.core.handoff.CustomerMessages.hasWords;
import static dev.baton.core.handoff.CustomerMessages.key;
import static dev.baton.core.handoff.CustomerMessages.placeholderKind;
import static dev.baton.core.handoff.CustomerMessages.saysMore;

/**
 * The transcript read the way an agent who takes over reads it: what the customer wants <em>now</em>, what the bot did
 * with it, and what happened since. Written into sentences by {@link ExtractiveSummarizer}; the inbox searches the
 * knowledge with {@link #current()} for its suggestions.
 *
 * <p>Only the latest stretch counts (after the last human reply, when there is one). Each customer message is read by
 * what Baton stored with it ({@link TurnSignals}): small talk, a request for a person, a message that only gives a
 * detail (an order number: a code with at most a few words around it), one without words (an emoji), an unhappy
 * reaction to an answer (negative, no knowledge hit, after a question), or a question. The <b>current question</b> is
 * the latest question; when the customer asked nothing else, the latest detail. A request for a person that says more
 * than the request ("我要退款，转人工") is a question too. Messages stored without signals (written while queued, or
 * old rows) are read from their text: the {@code smallTalk} test the caller gives, and a repeat of an earlier request
 * is a request.
 *
 * @param current       the question the customer wants answered now, or null when they asked none
 * @param earlier       their other questions in this stretch, oldest first (repeats of the current one left out)
 * @param then          what they did after the current question, in order (each kind once)
 * @param detailsBefore details they gave before the current question (or all of them, without one)
 * @param upset         the most negative thing they wrote, or null when they were not upset
 * @param upsetMessages how many of their messages in this stretch read as upset (negative or furious)
 * @param timesAsked    how many times they asked the current question (1 unless triage saw repeats)
 * @param missRun       questions in a row, ending with the current one, that the knowledge had no answer for
 * @param answered      questions the bot answered in this stretch
 * @param requested     they asked for a person (in words) in this stretch
 * @param pressedButton they pressed a "talk to a person" button or menu item in this stretch
 * @param media         the kind of the last message the bot could not read ({@code image}, {@code audio}…), or null
 */
public record HandoffBrief(Question current, List<Question> earlier, List<Then> then, List<String> detailsBefore,
                           Quote upset, int upsetMessages, int timesAsked, int missRun, int answered, boolean requested,
                           boolean pressedButton, String media) {

    public HandoffBrief {
        earlier = List.copyOf(earlier);
        then = List.copyOf(then);
        detailsBefore = List.copyOf(detailsBefore);
    }

    /** What the bot did with a question. */
    public enum Outcome {
        /** It answered (from the knowledge when {@link Question#source()} is set). */
        ANSWERED,
        /** The knowledge had no answer (the bot said so, or the conversation went to a person on that message). */
        NO_ANSWER,
        /** The bot did not answer: the conversation went to a person on that message, or was already with one. */
        UNANSWERED
    }

    /**
     * A customer question.
     *
     * @param text        what they wrote
     * @param outcome     what the bot did with it
     * @param source      the title of the knowledge entry the answer came from, or null
     * @param intent      the intent triage read in it, or null
     * @param withRequest the same message asked for a person
     */
    public record Question(String text, Outcome outcome, String source, String intent, boolean withRequest) {
    }

    /** Something the customer did after the current question. */
    public record Then(Kind kind, String text) {
    }

    /** Kinds of {@link Then}. */
    public enum Kind { DETAIL, UPSET, REQUEST, BUTTON, MEDIA }

    /**
     * An unhappy message.
     *
     * @param text    what they wrote
     * @param current it is the current question
     * @param then    it is one of {@link #then()}
     */
    public record Quote(String text, boolean current, boolean then) {
    }


    /** What a customer message is. */
    private enum Reading { SMALL_TALK, REQUEST, BUTTON, MEDIA, DETAIL, NO_WORDS, UPSET, QUESTION }

    /** Reads {@code transcript} (oldest first); messages without signals are small talk when {@code smallTalk} says. */
    public static HandoffBrief read(List<Message> transcript, Predicate<String> smallTalk) {
        List<Message> stretch = stretch(transcript);
        List<Item> items = new ArrayList<>();
        List<String> requestTexts = new ArrayList<>();
        for (int i = 0; i < stretch.size(); i++) {
            Message m = stretch.get(i);
            if (m.author() != Author.CUSTOMER || m.text() == null || m.text().isBlank()) {
                continue;
            }
            boolean askedBefore = items.stream().anyMatch(x -> x.reading == Reading.QUESTION
                    || x.reading == Reading.DETAIL);
            Reading r = reading(m, smallTalk, requestTexts, askedBefore);
            if (r == Reading.REQUEST || (r == Reading.QUESTION && CustomerMessages.requested(m))) {
                requestTexts.add(key(m.text()));
            }
            items.add(new Item(m, r, outcome(stretch, i)));
        }
        return assemble(items);
    }

    /** One customer message as read, with what the bot did after it. */
    private record Item(Message message, Reading reading, Answer answer) {
        String text() {
            return message.text().strip();
        }

        TriageSignals triage() {
            return message.signals() == null ? null : message.signals().triage();
        }
    }

    private record Answer(Outcome outcome, String source) {
    }

    private static HandoffBrief assemble(List<Item> items) {
        int current = lastIndex(items, Reading.QUESTION);
        if (current < 0) {
            current = lastIndex(items, Reading.DETAIL);
        }
        Question now = current < 0 ? null : question(items.get(current));
        List<Question> earlier = new ArrayList<>();
        List<String> detailsBefore = new ArrayList<>();
        List<Then> then = new ArrayList<>();
        int timesAsked = 1;
        int missRun = 0;
        int answered = 0;
        boolean requested = false;
        boolean button = false;
        String media = null;
        Item upset = null;
        int upsetMessages = 0;
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            Reading r = it.reading();
            requested |= r == Reading.REQUEST || (r == Reading.QUESTION && CustomerMessages.requested(it.message()));
            button |= r == Reading.BUTTON;
            if (r == Reading.MEDIA) {
                media = placeholderKind(it.text());
            }
            if (r == Reading.QUESTION || (i == current)) {
                answered += it.answer().outcome() == Outcome.ANSWERED ? 1 : 0;
                missRun = it.answer().outcome() == Outcome.NO_ANSWER && i <= current ? missRun + 1 : 0;
                if (i < current) {
                    if (now != null && same(it.text(), now.text())) {
                        timesAsked++;
                    } else {
                        earlier.add(question(it));
                    }
                }
            }
            if (i == current && repeated(it)) {
                timesAsked = Math.max(timesAsked, 2);
            }
            if (r == Reading.DETAIL && i != current && (current < 0 || i < current)) {
                detailsBefore.add(it.text());
            }
            if (current >= 0 && i > current) {
                Then t = then(it);
                if (t != null && then.stream().noneMatch(x -> x.kind() == t.kind() && t.kind() != Kind.DETAIL)) {
                    then.add(t);
                }
            }
            if (negative(it)) {
                upsetMessages++;
                if (upset == null || score(it) < score(upset)) {
                    upset = it;
                }
            }
        }
        Quote quote = null;
        if (upset != null) {
            Item u = upset;
            quote = new Quote(u.text(), items.indexOf(u) == current,
                    then.stream().anyMatch(t -> t.kind() == Kind.UPSET && t.text().equals(u.text())));
        }
        return new HandoffBrief(now, earlier, then, detailsBefore, quote, upsetMessages, timesAsked, missRun, answered, requested,
                button, media);
    }

    private static Then then(Item it) {
        return switch (it.reading()) {
            case DETAIL -> new Then(Kind.DETAIL, it.text());
            case UPSET -> new Then(Kind.UPSET, it.text());
            case REQUEST -> new Then(Kind.REQUEST, it.text());
            case BUTTON -> new Then(Kind.BUTTON, it.text());
            case MEDIA -> new Then(Kind.MEDIA, placeholderKind(it.text()));
            case QUESTION -> CustomerMessages.requested(it.message()) ? new Then(Kind.REQUEST, it.text()) : null;
            default -> null;
        };
    }

    private static Question question(Item it) {
        TriageSignals s = it.triage();
        String intent = s == null || s.intent() == null ? null : s.intent().name();
        return new Question(it.text(), it.answer().outcome(), it.answer().source(), intent,
                it.reading() == Reading.QUESTION && CustomerMessages.requested(it.message()));
    }

    private static int lastIndex(List<Item> items, Reading reading) {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i).reading() == reading) {
                return i;
            }
        }
        return -1;
    }

    /** The messages after the last human reply, or all of them when the customer wrote nothing since. */
    private static List<Message> stretch(List<Message> transcript) {
        int lastHuman = -1;
        for (int i = 0; i < transcript.size(); i++) {
            if (transcript.get(i).author() == Author.HUMAN) {
                lastHuman = i;
            }
        }
        List<Message> after = transcript.subList(lastHuman + 1, transcript.size());
        return after.stream().anyMatch(Message::fromCustomer) ? after : transcript;
    }

    private static Reading reading(Message m, Predicate<String> smallTalk, List<String> requestTexts,
                                   boolean askedBefore) {
        String text = m.text().strip();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        if (placeholder.matches()) {
            return "button".equals(placeholder.group(1)) ? Reading.BUTTON : Reading.MEDIA;
        }
        TriageSignals s = m.signals() == null ? null : m.signals().triage();
        if (s == null) {
            if (smallTalk.test(text)) {
                return Reading.SMALL_TALK;
            }
            if (requestTexts.contains(key(text))) {
                return Reading.REQUEST;
            }
        } else if (s.smallTalk() != null) {
            return Reading.SMALL_TALK;
        }
        if (CustomerMessages.requested(m) && !saysMore(text, s)) {
            return Reading.REQUEST;
        }
        if (detailOnly(text)) {
            return Reading.DETAIL;
        }
        if (!hasWords(text)) {
            return CustomerMessages.negative(m) ? Reading.UPSET : Reading.NO_WORDS;
        }
        boolean missed = m.signals() != null && m.signals().knowledgeMiss();
        if (askedBefore && CustomerMessages.negative(m) && missed && !CustomerMessages.requested(m)) {
            return Reading.UPSET;
        }
        return Reading.QUESTION;
    }






    private static boolean negative(Item it) {
        return CustomerMessages.negative(it.message());
    }

    private static double score(Item it) {
        TurnSignals s = it.message().signals();
        return s == null || s.triage().sentiment() == null ? 0 : s.triage().sentiment().score()
                - (s.triage().sentiment().furious() ? 1 : 0);
    }

    private static boolean repeated(Item it) {
        TriageSignals s = it.triage();
        return s != null && s.repetition() != null && s.repetition().repeated();
    }

    /** What the bot did after the customer message at {@code index}, up to their next message. */
    private static Answer outcome(List<Message> stretch, int index) {
        Message asked = stretch.get(index);
        String source = null;
        boolean replied = false;
        for (int j = index + 1; j < stretch.size() && !stretch.get(j).fromCustomer(); j++) {
            Message m = stretch.get(j);
            if (m.author() == Author.BOT) {
                replied = true;
                if (m.citation() != null && !m.citation().isBlank() && source == null) {
                    source = source(m.citation(), m.text());
                }
            }
        }
        boolean missed = asked.signals() != null && asked.signals().knowledgeMiss();
        if (source != null) {
            return new Answer(Outcome.ANSWERED, source);
        }
        if (missed) {
            return new Answer(Outcome.NO_ANSWER, null);
        }
        return new Answer(replied ? Outcome.ANSWERED : Outcome.UNANSWERED, null);
    }

    private static final Pattern SOURCE_LINE = Pattern.compile("^[^\\n:：]{1,16}[:：]\\s*(.{1,120})$");

    /**
     * The title of the entry behind an answer, as agents read it: the heading of {@code file › heading}; for an entry
     * without one (a row of a FAQ table), the title the customer saw on the answer's last line ("来源：…"); else the
     * reference itself.
     */
    public static String source(String citation, String answerText) {
        int arrow = citation.lastIndexOf('›');
        if (arrow >= 0 && arrow + 1 < citation.length()) {
            return citation.substring(arrow + 1).strip();
        }
        if (answerText != null) {
            String[] paragraphs = answerText.strip().split("\\n\\s*\\n");
            if (paragraphs.length > 1) {
                Matcher m = SOURCE_LINE.matcher(paragraphs[paragraphs.length - 1].strip());
                if (m.matches()) {
                    return m.group(1).strip();
                }
            }
        }
        return citation.strip();
    }


    private static boolean same(String a, String b) {
        return Objects.equals(key(a), key(b));
    }


}
