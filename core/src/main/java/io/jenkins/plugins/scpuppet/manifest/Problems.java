package io.jenkins.plugins.scpuppet.manifest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Collects every problem found, so a user sees them all at once instead of fixing one per run. */
final class Problems {
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    void error(Mark mark, String path, String message) {
        errors.add(new Problem(mark, path, message, Problem.Severity.ERROR));
    }

    void warn(Mark mark, String path, String message) {
        warnings.add(new Problem(mark, path, message, Problem.Severity.WARNING));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<Problem> warnings() {
        return List.copyOf(warnings);
    }

    /** Throws with every error, sorted by file and position. */
    void throwIfAny() throws ManifestException {
        if (!errors.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparing(
                            (Problem p) -> p.mark() == null ? "" : p.mark().file())
                    .thenComparingInt(p -> p.mark() == null ? 0 : p.mark().line())
                    .thenComparingInt(p -> p.mark() == null ? 0 : p.mark().column()));
            throw new ManifestException(sorted);
        }
    }

    /** " (did you mean 'x'?)" when a known word is close to the unknown one, else "". */
    static String didYouMean(String unknown, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(unknown.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        int allowed = Math.max(2, unknown.length() / 3);
        return best != null && bestDistance <= allowed ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
