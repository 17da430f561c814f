package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.bootstrap.BootstrapTemplateSamples;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * cfn-lint, AWS's CloudFormation linter, over every template the product generates: the hub stack with each option
 * combination, the spoke stack in each mode, and the stacks the tasks create. Any finding (error, warning or
 * informational: cfn-lint's exit status is a bit mask of the three) fails the test. cfn-lint is a Python tool that
 * cannot be installed from the build (PyPI is out of reach in CI); it is preinstalled on the build machines, so where
 * it is missing the test fails under CI and is skipped elsewhere, saying why.
 */
class CfnLintTest {
    private static final Path OUT = Path.of("target", "cfn-lint");

    @Test
    void shouldFindNothingInAnyGeneratedTemplate() throws Exception {
        String cfnLint = onPath("cfn-lint");
        if (cfnLint == null) {
            String why =
                    "cfn-lint is not on the PATH; install it (pip install cfn-lint) to lint the generated templates";
            assertThat(System.getenv("CI")).as(why).isNull();
            Assumptions.abort(why);
        }
        Map<String, ObjectNode> templates = new LinkedHashMap<>(BootstrapTemplateSamples.all());
        templates.putAll(StackTemplateSamples.all());
        Files.createDirectories(OUT);
        List<String> command = new ArrayList<>(List.of(cfnLint, "--"));
        ObjectMapper json = new ObjectMapper();
        for (var t : templates.entrySet()) {
            Path file = OUT.resolve(t.getKey() + ".json");
            json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), t.getValue());
            command.add(file.toString());
        }

        Run lint = run(command);
        String version = run(List.of(cfnLint, "--version")).output().strip();

        System.out.println(version + " over " + templates.size() + " generated templates in " + OUT.toAbsolutePath()
                + ": exit " + lint.exit() + ", "
                + lint.output().lines().filter(l -> l.contains(".json:")).count()
                + " findings" + (lint.output().isBlank() ? "" : "\n" + lint.output()));
        assertThat(templates).hasSizeGreaterThanOrEqualTo(21);
        assertThat(lint.output()).as("cfn-lint findings").isEmpty();
        assertThat(lint.exit()).as("cfn-lint exit status").isZero();
    }

    private record Run(int exit, String output) {}

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES))
                .as("%s finished", command.get(0))
                .isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String onPath(String name) {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
