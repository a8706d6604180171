package dev.baton.app.cli;

import dev.baton.inbox.auth.PasswordHasher;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code baton hash-password}: prints a PBKDF2 hash for {@code inbox.agents[].password-hash}. The password is read
 * from the terminal without echo (asked twice), or from standard input when piped; never from the command line,
 * where it would land in the shell history.
 */
@CommandLine.Command(name = "hash-password",
        description = "Print a password-hash for inbox.agents (reads the password from the terminal or stdin).")
public final class HashPasswordCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        char[] password;
        Console console = System.console();
        if (console != null) {
            password = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (password == null || again == null || !Arrays.equals(password, again)) {
                spec.commandLine().getErr().println("baton: the passwords differ");
                return 1;
            }
            Arrays.fill(again, ' ');
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password.length < 8) {
            spec.commandLine().getErr().println("baton: use at least 8 characters");
            return 1;
        }
        spec.commandLine().getOut().println(PasswordHasher.hash(password));
        Arrays.fill(password, ' ');
        return 0;
    }
}
