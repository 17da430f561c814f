package io.jenkins.plugins.scpuppet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code puppet seed [simple|quickstart] DIR}: writes an example manifest.yaml into DIR, as upstream's seed does. The
 * examples are this project's, in the spirit of upstream's; they validate as written.
 */
@Command(
        name = "seed",
        description = "Write an example manifest.yaml into DIR: simple (one launch) or quickstart (five, one"
                + " depending on another).")
final class SeedCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "COMPLEXITY",
            arity = "0..1",
            defaultValue = "simple",
            description = "simple or quickstart (default: ${DEFAULT-VALUE}).")
    String complexity;

    @Parameters(index = "1", paramLabel = "DIR", description = "An existing folder; manifest.yaml is written in it.")
    Path dir;

    @Option(
            names = "--account-id",
            defaultValue = "123456789012",
            description = "The account the example targets (default: ${DEFAULT-VALUE}, a placeholder).")
    String accountId;

    @Option(names = "--force", description = "Replace an existing manifest.yaml.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (!complexity.equals("simple") && !complexity.equals("quickstart")) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "COMPLEXITY must be simple or quickstart, got '" + complexity + "'");
        }
        if (!accountId.matches("\\d{12}")) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--account-id: an account id is 12 digits, got '" + accountId + "'");
        }
        if (!Files.isDirectory(dir)) {
            System.err.println("folder not found: " + dir + "; create it first (seed writes DIR/manifest.yaml)");
            return ExitCodes.BAD_INPUT;
        }
        Path target = dir.resolve("manifest.yaml");
        if (Files.exists(target) && !force) {
            System.err.println(target + " exists; seed leaves it alone (--force replaces it)");
            return ExitCodes.BAD_INPUT;
        }
        String text = example(complexity).replace("{{ ACCOUNT_ID }}", accountId);
        // Written next to the target, then moved: a reader never sees half an example.
        Path temp = Files.createTempFile(dir, ".manifest", ".yaml.tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        System.out.println("wrote " + target + " (the " + complexity + " example, account " + accountId
                + "); next: puppet validate " + target);
        return ExitCodes.OK;
    }

    static String example(String complexity) throws IOException {
        try (InputStream in = SeedCommand.class.getResourceAsStream("seeds/manifest-" + complexity + ".yaml")) {
            if (in == null) {
                throw new IOException("example manifest-" + complexity + ".yaml is missing from the CLI jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
