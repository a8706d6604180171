package dev.baton.inbox.assist;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the copilot's citations read, in the agent's language ({@code zh} or {@code en}). */
final class AssistLabels {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final boolean zh;

    AssistLabels(String language) {
        this.zh = language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("zh");
    }

    /** A knowledge entry: "知识库：怎么退货？" / "Knowledge: How do I return an item?". */
    String entry(String title) {
        return (zh ? "知识库：" : "Knowledge: ") + title;
    }

    /** An earlier human answer: "ann 于 2026-12-03 对类似问题的回复" / "reply by ann on 2026-12-03 to a similar question". */
    String humanAnswer(String agent, Instant at) {
        String who = agent == null || agent.isBlank() ? (zh ? "客服" : "an agent") : agent;
        return zh ? who + " 于 " + DAY.format(at) + " 对类似问题的回复"
                : "reply by " + who + " on " + DAY.format(at) + " to a similar question";
    }

    /** A canned reply: "快捷回复 /refund" / "canned reply /refund". */
    String canned(String shortcut) {
        return (zh ? "快捷回复 /" : "canned reply /") + shortcut;
    }
}
