package dev.baton.core.agent;

import dev.baton.core.knowledge.KnowledgeAnswer;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the model's answer before a customer sees it. An answer is refused when it:
 * <ul>
 *   <li>contains the system prompt's canary, or any 40-character run of the prompt's fixed rules
 *       (letters and digits only, case folded, so re-spacing or re-punctuating does not hide it);</li>
 *   <li>names an internal identifier: a knowledge entry id of this turn, a tool name, a conversation/memory id
 *       field, or Baton's prompt tags;</li>
 *   <li>claims or promises a sensitive operation (a refund issued, a transfer made, a password changed) that the
 *       knowledge shown this turn does not itself state.</li>
 * </ul>
 * The caller replaces a refused answer with the offline answer. A translated paraphrase of the prompt is not caught:
 * the canary and the n-grams catch verbatim leaks only.
 */
final class OutputGuard {

    /** Why an answer was refused; the code is a metric tag. */
    enum Violation {
        PROMPT_LEAK, INTERNAL_ID, TOOL_NAME, MARKUP, ACTION_CLAIM;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final int WINDOW = 40;

    private static final Pattern TOOL_NAMES = Pattern.compile(
            "(?i)handoff[\\s_-]*to[\\s_-]*human|search[\\s_-]*knowledge|tool[\\s_-]*memory[\\s_-]*id");
    private static final Pattern ID_FIELDS = Pattern.compile(
            "(?i)\\b(conversation|memory|chat)[\\s_-]?id\\b|会话\\s*(id|ID|编号)|对话\\s*(id|ID|编号)|记忆\\s*(id|ID)");
    private static final Pattern MARKUP = Pattern.compile(
            "(?i)(<|&lt;)\\s*/?\\s*(customer_message|staff_note|knowledge|system)\\b");
    private static final List<Pattern> ACTION_CLAIMS = List.of(
            Pattern.compile("(?i)\\b(i|we)('ve|'ll| have| will| just| already)?\\s+(now\\s+)?(issued|issue|processed|"
                    + "process|approved|approve|refunded|refund|transferred|transfer|credited|credit|reset|changed|"
                    + "cancell?ed|compensated|compensate)\\b[^.!?。！？]{0,40}\\b(refund|payment|money|password|"
                    + "account|transfer|compensation|order|\\$|¥|usd|rmb)"),
            Pattern.compile("(?i)\\b(your\\s+)?(refund|transfer|payment|compensation|password)\\s+(has been|was|is)"
                    + "\\s+(now\\s+)?(issued|processed|approved|sent|completed|reset|changed|credited)"),
            Pattern.compile("(已|已经|马上|立即|立刻|现在就?|这就)(为您|帮您|给您|替您)?(办理|完成|处理|批准|安排|发起|操作)?了?"
                    + "(退款|转账|打款|赔偿|补偿|修改密码|重置密码|改密码|注销|冻结|解冻|退还)"),
            Pattern.compile("(退款|转账|打款|赔偿|补偿|密码)(已|已经)(经)?(到账|批准|通过|处理|完成|发放|修改|重置|成功)"));

    private final String canary;
    private final Set<String> promptWindows = new HashSet<>();
    private final List<Pattern> lookupNames = new java.util.ArrayList<>();

    OutputGuard(SystemPrompt prompt) {
        this(prompt, Set.of());
    }

    /** @param lookupTools the business look-ups' tool names: internal too, when they look like ids (order_status) */
    OutputGuard(SystemPrompt prompt, Set<String> lookupTools) {
        for (String name : lookupTools) {
            if (name.matches(".*[_\\d].*")) {
                lookupNames.add(Pattern.compile("(?i)(?<![\\p{L}\\p{N}_])" + Pattern.quote(name)
                        + "(?![\\p{L}\\p{N}_])"));
            }
        }
        this.canary = prompt.canary().toLowerCase(Locale.ROOT);
        String rules = normalize(prompt.rules());
        for (int i = 0; i + WINDOW <= rules.length(); i++) {
            promptWindows.add(rules.substring(i, i + WINDOW));
        }
    }

    /** The first violation in {@code answer}, given the knowledge shown this turn. */
    Optional<Violation> check(String answer, List<KnowledgeAnswer> shown) {
        String lower = answer.toLowerCase(Locale.ROOT);
        String normalized = normalize(answer);
        if (lower.contains(canary) || normalized.contains(normalize(canary)) || leaksPrompt(normalized)) {
            return Optional.of(Violation.PROMPT_LEAK);
        }
        if (MARKUP.matcher(answer).find()) {
            return Optional.of(Violation.MARKUP);
        }
        if (TOOL_NAMES.matcher(answer).find() || lookupNames.stream().anyMatch(p -> p.matcher(answer).find())) {
            return Optional.of(Violation.TOOL_NAME);
        }
        if (ID_FIELDS.matcher(answer).find() || namesEntryId(lower, shown)) {
            return Optional.of(Violation.INTERNAL_ID);
        }
        if (claimsAction(answer, shown)) {
            return Optional.of(Violation.ACTION_CLAIM);
        }
        return Optional.empty();
    }

    private boolean leaksPrompt(String normalized) {
        for (int i = 0; i + WINDOW <= normalized.length(); i++) {
            if (promptWindows.contains(normalized.substring(i, i + WINDOW))) {
                return true;
            }
        }
        return false;
    }

    /** Entry ids that look like ids (a path, an anchor, a digit or an underscore), never plain words. */
    private static boolean namesEntryId(String lowerAnswer, List<KnowledgeAnswer> shown) {
        for (KnowledgeAnswer k : shown) {
            String id = k.id().toLowerCase(Locale.ROOT);
            if (id.length() >= 4 && id.matches(".*[#/_\\d].*")) {
                Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(id) + "(?![\\p{L}\\p{N}])")
                        .matcher(lowerAnswer);
                if (m.find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean claimsAction(String answer, List<KnowledgeAnswer> shown) {
        for (Pattern p : ACTION_CLAIMS) {
            Matcher m = p.matcher(answer);
            while (m.find()) {
                String claim = m.group();
                boolean documented = shown.stream().anyMatch(k -> k.answer().contains(claim));
                if (!documented) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Letters and digits only, case folded. */
    static String normalize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
