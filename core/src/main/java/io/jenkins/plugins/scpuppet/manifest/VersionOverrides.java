package io.jenkins.plugins.scpuppet.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's properties files: an INI {@code [launches]} section of {@code <launch>.version = <version>} lines. Only
 * the version may be overridden; anything else is an error naming the file and line.
 */
final class VersionOverrides {
    private VersionOverrides() {}

    static Manifest apply(Manifest manifest, List<Path> files) throws ManifestException {
        Problems problems = new Problems();
        Map<String, Launch> launches = new LinkedHashMap<>(manifest.launches());
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                applyFile(file, launches, problems);
            }
        }
        problems.throwIfAny();
        return new Manifest(
                manifest.schema(),
                manifest.parameters(),
                manifest.accounts(),
                launches,
                manifest.spokeLocalPortfolios(),
                manifest.lambdaInvocations(),
                manifest.actions(),
                manifest.configurationRetryCount(),
                manifest.warnings());
    }

    private static void applyFile(Path file, Map<String, Launch> launches, Problems problems) throws ManifestException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ManifestException(new Problem(
                    null, "", "cannot read " + file.getFileName() + ": " + e.getMessage(), Problem.Severity.ERROR));
        }
        String section = null;
        String name = file.getFileName().toString();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Mark mark = new Mark(name, i + 1, 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = indexOfSeparator(line);
            if (eq < 0) {
                problems.error(mark, "", "expected 'launch.version = value', got '" + line + "'");
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!"launches".equals(section)) {
                problems.error(mark, "", "properties go in a [launches] section");
                continue;
            }
            int dot = key.lastIndexOf('.');
            if (dot < 0 || !key.substring(dot + 1).equals("version")) {
                problems.error(
                        mark,
                        "",
                        "only the version can be set in a properties file, e.g. '"
                                + (dot < 0 ? key : key.substring(0, dot)) + ".version = v2'; got '" + key + "'");
                continue;
            }
            String launch = key.substring(0, dot);
            Launch l = launches.get(launch);
            if (l == null) {
                problems.error(
                        mark, "", "no launch named '" + launch + "'" + Problems.didYouMean(launch, launches.keySet()));
                continue;
            }
            launches.put(
                    launch,
                    new Launch(
                            l.name(),
                            l.portfolio(),
                            l.product(),
                            value,
                            l.status(),
                            l.execution(),
                            l.parameters(),
                            l.deployTo(),
                            l.ssmOutputs(),
                            l.dependsOn(),
                            l.retryCount(),
                            l.requestedPriority(),
                            l.preActions(),
                            l.postActions(),
                            l.mark()));
        }
    }

    private static int indexOfSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }
}
