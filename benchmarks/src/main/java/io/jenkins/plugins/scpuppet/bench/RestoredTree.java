package io.jenkins.plugins.scpuppet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Checks that a restore brought back exactly what was saved, so a benchmark under faults measures a restore that lost
 * nothing: the same files under {@code output/}, byte for byte, and no others.
 */
final class RestoredTree {
    private RestoredTree() {}

    /** Throws when {@code restoredRoot} differs from the {@code targets} under {@code sourceRoot}; prints what matched. */
    static void check(String label, Path sourceRoot, List<Path> targets, Path restoredRoot) throws IOException {
        for (Path target : targets) {
            Path restored = restoredRoot.resolve(sourceRoot.relativize(target));
            if (!Files.isRegularFile(restored)) {
                throw new IllegalStateException(label + ": " + restored + " is missing after the restore");
            }
            if (Files.mismatch(target, restored) != -1) {
                throw new IllegalStateException(label + ": " + restored + " differs from what was saved");
            }
        }
        long files;
        try (Stream<Path> all = Files.walk(restoredRoot.resolve("output"))) {
            files = all.filter(Files::isRegularFile).count();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (files != targets.size()) {
            throw new IllegalStateException(label + ": " + files + " files restored, " + targets.size() + " saved");
        }
        System.out.printf(Locale.ROOT, "%s: restored tree identical (%,d files)%n", label, files);
    }
}
