package dev.baton.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answer markers: evaluation knowledge ends every answer with {@code [ans:<entry-id>]}, so a harness can tell which
 * entry a reply came from without knowing how Baton phrased or cited it.
 */
public final class Markers {

    private static final Pattern MARKER = Pattern.compile("\\[ans:([^\\]\\s]+)]");

    private Markers() {
    }

    /** The entry ids marked in the replies, in order of appearance (repeats kept). */
    public static List<String> in(List<String> replies) {
        List<String> ids = new ArrayList<>();
        for (String reply : replies) {
            Matcher m = MARKER.matcher(reply);
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** Whether a text contains a CJK ideograph (the README's test for a Chinese reply). */
    public static boolean hasCjk(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }
}
