package dev.baton.app.cli;

import dev.baton.config.ConfigException;
import dev.baton.eval.AbstainCommand;
import dev.baton.eval.ConversationsCommand;
import dev.baton.knowledge.embed.DjlOffline;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code baton}: the command line. Config errors and start-up failures print clear lines, not stack traces. Every
 * command answers {@code --help} (the option is inherited by the subcommands).
 */
@CommandLine.Command(name = "baton", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "baton 0.1.0",
        description = "AI customer service for WeChat and WhatsApp that hands off to humans at the right moment.",
        subcommands = {ServeCommand.class, ChatCommand.class, IndexCommand.class, AskCommand.class, EvalCommand.class,
                HashPasswordCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setOut(new PrintStream(System.out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(System.err, true, StandardCharsets.UTF_8));
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (used by tests). */
    public static int run(String... args) {
        DjlOffline.apply(); // first: no command may let the embeddings' tokenizer call home
        CommandLine cli = commandLine();
        // UTF-8 whatever the platform's default (Chinese answers, citations); at call time, so tests can capture
        cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Throwable cause = e;
            while (cause instanceof UncheckedIOException || (cause instanceof RuntimeException
                    && cause.getCause() instanceof ConfigException)) {
                cause = cause.getCause();
            }
            if (cause instanceof ConfigException ce) {
                for (String p : ce.problems()) {
                    cmd.getErr().println("baton: config error in " + ce.getMessage().split(": ", 2)[0] + ": " + p);
                }
                return 2;
            }
            cmd.getErr().println("baton: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
            if (System.getenv("BATON_DEBUG") != null) {
                cause.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    /** The command tree, each command built by {@link #create}. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main(), Main::create);
    }

    /** Builds the commands; the evaluation commands get the in-process Baton they play against. */
    private static <K> K create(Class<K> type) throws Exception {
        if (type == ConversationsCommand.class) {
            return type.cast(new ConversationsCommand(EvalBaton::start));
        }
        if (type == AbstainCommand.class) {
            return type.cast(new AbstainCommand(EvalBaton::start));
        }
        return CommandLine.defaultFactory().create(type);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
