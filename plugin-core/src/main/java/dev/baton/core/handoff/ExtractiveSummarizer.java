package dev.baton.core.handoff;

import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.conversation.LookupTrace;
import dev.baton.core.conversation.Message;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The offline summary: the customer's first and latest questions, how many answers the bot tried, what the last
 * business look-ups found, and why it was handed off, quoted from the transcript, in the customer's language. No
 * model needed.
 */
public final class ExtractiveSummarizer implements Summarizer {

    private static final int MAX_QUOTE = 140;
    /** The latest look-up results quoted; the ticket lists them all. */
    private static final int LOOKUPS_QUOTED = 2;

    @Override
    public String summarize(List<Message> transcript, List<HandoffReason> reasons, String language) {
        List<Message> fromCustomer = transcript.stream().filter(m -> m.author() == Author.CUSTOMER)
                .filter(m -> !m.text().isBlank()).toList();
        long botAnswers = transcript.stream().filter(m -> m.author() == Author.BOT).count();
        String first = fromCustomer.isEmpty() ? "" : quote(fromCustomer.get(0).text());
        String last = fromCustomer.size() < 2 ? "" : quote(fromCustomer.get(fromCustomer.size() - 1).text());
        String why = reasons.stream().map(HandoffReason::code).collect(Collectors.joining(", "));
        List<HandoffTicket.LookupResult> lookups = LookupTrace.results(transcript);
        List<String> found = lookups.subList(Math.max(0, lookups.size() - LOOKUPS_QUOTED), lookups.size()).stream()
                .filter(r -> r.text() != null && !r.text().isBlank())
                .map(r -> quote(r.text().strip().replaceAll("[。.！!]+$", ""))).toList();
        if ("zh".equals(language)) {
            StringBuilder sb = new StringBuilder("客户问题：").append(first.isEmpty() ? "（无文字）" : first).append("。");
            if (!last.isEmpty()) {
                sb.append("最新消息：").append(last).append("。");
            }
            if (!found.isEmpty()) {
                sb.append("查询结果：").append(String.join("；", found)).append("。");
            }
            sb.append("机器人已回答 ").append(botAnswers).append(" 次。转人工原因：").append(why).append("。");
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder("Customer asked: ").append(first.isEmpty() ? "(no text)" : first)
                .append(". ");
        if (!last.isEmpty()) {
            sb.append("Latest: ").append(last).append(". ");
        }
        if (!found.isEmpty()) {
            sb.append("Look-ups: ").append(String.join("; ", found)).append(". ");
        }
        sb.append("The bot answered ").append(botAnswers).append(" time(s). Handed off because: ").append(why)
                .append(".");
        return sb.toString();
    }

    private static String quote(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        return "“" + (t.length() > MAX_QUOTE ? t.substring(0, MAX_QUOTE) + "…" : t) + "”";
    }
}
