package io.jenkins.plugins.scpuppet.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scpuppet.manifest.YNode.YMap;
import io.jenkins.plugins.scpuppet.manifest.YNode.YScalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a manifest the way upstream does: the file itself, then the items in the sibling folders {@code parameters/},
 * {@code launches/}, {@code spoke-local-portfolios/} and {@code lambda-invocations/}, then the sections of each file in
 * {@code manifests/}, then the version overrides of {@code <name>.properties} and {@code <name>-<puppet account>.properties}.
 */
public final class ManifestLoader {
    static final List<String> EXTENDABLE =
            List.of("parameters", "launches", "spoke-local-portfolios", "lambda-invocations");
    private final YamlReader reader;

    public ManifestLoader(YamlReader reader) {
        this.reader = reader;
    }

    public ManifestLoader() {
        this(new YamlReader());
    }

    public Manifest load(Path manifestFile, String puppetAccountId) throws ManifestException {
        Problems problems = new Problems();
        YMap merged = merged(manifestFile, problems);
        Manifest parsed = ManifestParser.parse(merged);
        Path dir = manifestFile.toAbsolutePath().getParent();
        String base = manifestFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Manifest withVersions = VersionOverrides.apply(
                parsed,
                List.of(dir.resolve(base + ".properties"), dir.resolve(base + "-" + puppetAccountId + ".properties")));
        List<Problem> warnings = new ArrayList<>(problems.warnings());
        warnings.addAll(withVersions.warnings());
        return new Manifest(
                withVersions.schema(),
                withVersions.parameters(),
                withVersions.accounts(),
                withVersions.launches(),
                withVersions.spokeLocalPortfolios(),
                withVersions.lambdaInvocations(),
                withVersions.actions(),
                withVersions.configurationRetryCount(),
                List.copyOf(warnings));
    }

    /**
     * The manifest as one document, with the sibling folders merged in, as plain JSON values (no positions): what a
     * spoke's own puppet run reads, once {@link SpokeManifest} has put the expanded accounts in.
     */
    public JsonNode document(Path manifestFile) throws ManifestException {
        return YNodes.toJson(merged(manifestFile, new Problems()));
    }

    /** The manifest file with the items of parameters/, launches/, ..., manifests/ merged in. */
    private YMap merged(Path manifestFile, Problems problems) throws ManifestException {
        Path dir = manifestFile.toAbsolutePath().getParent();
        YNode root = reader.read(manifestFile, manifestFile.getFileName().toString());
        if (!(root instanceof YMap rootMap)) {
            throw new ManifestException(new Problem(
                    root.mark(),
                    "",
                    "a manifest is a map with schema, accounts," + " launches, ...; got " + root.describe(),
                    Problem.Severity.ERROR));
        }
        LinkedHashMap<String, YNode> entries = new LinkedHashMap<>(rootMap.entries());
        Map<String, Mark> keyMarks = new LinkedHashMap<>(rootMap.keyMarks());
        for (String section : EXTENDABLE) {
            for (Path file : yamlFiles(dir.resolve(section))) {
                YNode items = reader.read(file, section + "/" + file.getFileName());
                mergeSection(entries, keyMarks, section, items, problems);
            }
        }
        for (Path file : yamlFiles(dir.resolve("manifests"))) {
            YNode extra = reader.read(file, "manifests/" + file.getFileName());
            if (extra instanceof YMap extraMap) {
                for (String section : EXTENDABLE) {
                    if (extraMap.entries().containsKey(section)) {
                        mergeSection(
                                entries, keyMarks, section, extraMap.entries().get(section), problems);
                    }
                }
            } else if (!isNull(extra)) {
                problems.error(extra.mark(), "", "expected a map of manifest sections, got " + extra.describe());
            }
        }
        problems.throwIfAny();
        return new YMap(entries, keyMarks, rootMap.mark());
    }

    private static boolean isNull(YNode node) {
        return node instanceof YScalar s && s.kind() == YNode.Kind.NULL;
    }

    /** Items from another file join the section; an item defined twice keeps the later one, with a warning. */
    private static void mergeSection(
            LinkedHashMap<String, YNode> entries,
            Map<String, Mark> keyMarks,
            String section,
            YNode items,
            Problems problems) {
        if (isNull(items)) {
            return;
        }
        if (!(items instanceof YMap itemMap)) {
            problems.error(items.mark(), section, "expected a map of " + section + " items, got " + items.describe());
            return;
        }
        YNode existing = entries.get(section);
        LinkedHashMap<String, YNode> merged = new LinkedHashMap<>();
        Map<String, Mark> mergedMarks = new LinkedHashMap<>();
        if (existing instanceof YMap existingMap) {
            merged.putAll(existingMap.entries());
            mergedMarks.putAll(existingMap.keyMarks());
        }
        itemMap.entries().forEach((name, value) -> {
            Mark mark = itemMap.keyMarks().get(name);
            if (merged.containsKey(name)) {
                problems.warn(
                        mark,
                        section + "." + name,
                        "also defined at " + mergedMarks.get(name) + "; this definition wins, as upstream's");
            }
            merged.put(name, value);
            mergedMarks.put(name, mark);
        });
        Mark sectionMark = existing != null ? existing.mark() : items.mark();
        entries.put(section, new YMap(merged, mergedMarks, sectionMark));
        keyMarks.putIfAbsent(section, sectionMark);
    }

    private static List<Path> yamlFiles(Path dir) throws ManifestException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ManifestException(
                    new Problem(null, "", "cannot list " + dir + ": " + e.getMessage(), Problem.Severity.ERROR));
        }
    }
}
