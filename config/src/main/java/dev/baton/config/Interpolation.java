package dev.baton.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} and {@code ${NAME:-default}} in config values, resolved from the environment. Applied to the
 * parsed YAML's string values (never to the raw text), so a variable cannot inject YAML structure. An unset
 * variable without a default is a problem naming the key and the variable.
 */
final class Interpolation {

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final UnaryOperator<String> env;
    private final List<String> problems = new ArrayList<>();

    Interpolation(UnaryOperator<String> env) {
        this.env = env;
    }

    String resolve(String key, String value) {
        Matcher m = VAR.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = env.apply(name);
            if (v == null || v.isEmpty()) {
                v = m.group(2);
            }
            if (v == null) {
                problems.add(key + ": environment variable " + name + " is not set; export it, or write ${" + name
                        + ":-default}");
                v = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    List<String> problems() {
        return problems;
    }
}
