package dev.baton.app.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structure docs/architecture.md describes, checked on the compiled main classes of every module: the top-level
 * packages of each module form no cycle (the module's root package counts as one of them), dependencies between modules
 * point inward, and no main class needs a long scroll.
 */
class ArchitectureTest {

    /** Each module's root package. */
    private static final List<String> MODULES = List.of("dev.baton.text", "dev.baton.core", "dev.baton.knowledge",
            "dev.baton.dev", "dev.baton.wechat", "dev.baton.whatsapp", "dev.baton.web", "dev.baton.inbox",
            "dev.baton.config", "dev.baton.eval", "dev.baton.app");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // the other modules are jars on this module's test class path; their test jars are left out
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/tools/"))
                .importPackages("dev.baton");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.baton.text", "dev.baton.core", "dev.baton.knowledge", "dev.baton.dev",
            "dev.baton.wechat", "dev.baton.whatsapp", "dev.baton.web", "dev.baton.inbox", "dev.baton.config",
            "dev.baton.eval", "dev.baton.app"})
    void should_have_no_cycle_between_the_top_level_packages_of_a_module(String root) {
        slices().assignedFrom(topLevelPackagesOf(root)).should().beFreeOfCycles().allowEmptyShould(false)
                .check(classes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.baton.text", "dev.baton.core", "dev.baton.knowledge"})
    void should_keep_the_inner_modules_free_of_the_outer_ones(String inner) {
        noClasses().that().resideInAPackage(inner + "..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.baton.app..", "dev.baton.config..", "dev.baton.eval..", "dev.baton.inbox..",
                        "dev.baton.wechat..", "dev.baton.whatsapp..", "dev.baton.web..", "dev.baton.dev..")
                .check(classes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.baton.dev", "dev.baton.wechat", "dev.baton.whatsapp", "dev.baton.web",
            "dev.baton.inbox"})
    void should_let_a_plug_in_module_depend_on_the_core_only(String module) {
        List<String> others = MODULES.stream().filter(m -> !m.equals(module) && !m.equals("dev.baton.core")
                && !m.equals("dev.baton.text")).map(m -> m + "..").toList();
        noClasses().that().resideInAPackage(module + "..").should().dependOnClassesThat()
                .resideInAnyPackage(others.toArray(String[]::new)).check(classes);
    }

    @org.junit.jupiter.api.Test
    void should_let_the_eval_harness_know_baton_only_through_http() {
        noClasses().that().resideInAPackage("dev.baton.eval..").should().dependOnClassesThat()
                .resideInAnyPackage(MODULES.stream().filter(m -> !m.equals("dev.baton.eval")).map(m -> m + "..")
                        .toArray(String[]::new))
                .check(classes);
    }

    @org.junit.jupiter.api.Test
    void should_keep_every_main_class_under_400_lines() throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(repo)) {
            List<String> long_ = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> lines(p) > 400)
                    .map(p -> repo.relativize(p) + " (" + lines(p) + " lines)").toList();
            assertThat(long_).as("main classes over 400 lines").isEmpty();
        }
    }

    private static long lines(Path p) {
        try (Stream<String> l = Files.lines(p)) {
            return l.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Slices of a module: its root package is one, each package directly below it (with sub-packages) another. */
    private static SliceAssignment topLevelPackagesOf(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                if (p.equals(root)) {
                    return SliceIdentifier.of(root + " (root)");
                }
                if (!p.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                return SliceIdentifier.of(root + "." + p.substring(root.length() + 1).split("\\.")[0]);
            }

            @Override
            public String getDescription() {
                return "the top-level packages of " + root;
            }
        };
    }
}
