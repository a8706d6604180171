package dev.baton.inbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's packages depend on each other one way only (root → http → desk, knowledge, webhook… → auth → config),
 * so each can be read, tested and changed from its dependencies up. Read from the module's sources: every
 * {@code dev.baton.inbox…} type a file imports or names in full.
 */
class PackageCyclesTest {

    private static final Pattern PACKAGE = Pattern.compile("^package (dev\\.baton\\.inbox[\\w.]*);", Pattern.MULTILINE);
    private static final Pattern USE = Pattern.compile("\\b(dev\\.baton\\.inbox(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void should_have_no_cycle_between_the_inbox_packages() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/baton/inbox"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                Matcher pkg = PACKAGE.matcher(src);
                if (!pkg.find()) {
                    continue;
                }
                Set<String> mine = uses.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
                Matcher use = USE.matcher(src);
                while (use.find()) {
                    if (!use.group(1).equals(pkg.group(1))) {
                        mine.add(use.group(1));
                    }
                }
            }
        }
        assertThat(uses).containsKeys("dev.baton.inbox", "dev.baton.inbox.http", "dev.baton.inbox.desk");

        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            findCycle(start, start, uses, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
        }
        assertThat(cycles).isEmpty();
    }

    private static void findCycle(String start, String at, Map<String, Set<String>> uses, List<String> path,
                                  Set<String> seen, List<String> cycles) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (seen.add(next)) {
                path.add(next);
                findCycle(start, next, uses, path, seen, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
