package io.jenkins.plugins.scpuppet.launches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The dry-run tasks' results of one run, read back from its journal ({@code runs/<runId>/results.jsonl}), as
 * upstream reads its {@code output/*DryRunTask/**} files after the run.
 */
public record DryRunResults(List<Row> terminations, List<Row> provisions) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One target's answer: its task parameters and what the dry run found. */
    public record Row(JsonNode parameters, JsonNode result) {
        /** A task parameter as text, or "" when absent. */
        public String param(String name) {
            return parameters.path(name).asText("");
        }

        /** A field of the dry run's answer as text, or "" when absent or null. */
        public String field(String name) {
            JsonNode v = result.path(name);
            return v.isMissingNode() || v.isNull() ? "" : v.asText();
        }
    }

    /** The results of run {@code runId} in {@code cacheDir}; none when the run wrote no journal. */
    public static DryRunResults read(Path cacheDir, String runId) throws IOException {
        List<Row> terminations = new ArrayList<>();
        List<Row> provisions = new ArrayList<>();
        Path journal = cacheDir.resolve("runs").resolve(runId).resolve("results.jsonl");
        if (Files.isRegularFile(journal)) {
            try (BufferedReader in = Files.newBufferedReader(journal)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    JsonNode doc = JSON.readTree(line);
                    Row row = new Row(doc.path("parameters"), doc.path("result"));
                    switch (doc.path("family").asText()) {
                        case "TerminateProductDryRunTask" -> terminations.add(row);
                        case "ProvisionProductDryRunTask" -> provisions.add(row);
                        default -> {
                            // other tasks of the dry run (lookups) are not reported
                        }
                    }
                }
            }
        }
        Comparator<Row> order = Comparator.comparing((Row r) -> r.param("launch_name"))
                .thenComparing(r -> r.param("account_id"))
                .thenComparing(r -> r.param("region"));
        terminations.sort(order);
        provisions.sort(order);
        return new DryRunResults(List.copyOf(terminations), List.copyOf(provisions));
    }
}
