package io.jenkins.plugins.scpuppet.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Upstream's {@code --single-account}: the expanded manifest as one account sees it. Every item keeps only its
 * targets in that account; items stay (a depends_on may name them), and the task graph leaves out those with no
 * target there.
 */
public final class SingleAccount {
    private SingleAccount() {}

    /**
     * Keeps only {@code accountId}'s targets and account entry.
     *
     * @throws ManifestException when the id is not 12 digits or nothing in the manifest targets it
     */
    public static ExpandedManifest filter(ExpandedManifest expanded, String accountId) throws ManifestException {
        if (accountId == null || !accountId.matches("\\d{12}")) {
            throw error("--single-account: an account id is 12 digits, got '" + accountId + "'");
        }
        Map<String, List<Target>> launches = only(expanded.launchTargets(), accountId);
        Map<String, List<Target>> spokeLocal = only(expanded.spokeLocalPortfolioTargets(), accountId);
        Map<String, List<Target>> lambdas = only(expanded.lambdaTargets(), accountId);
        if (launches.values().stream().allMatch(List::isEmpty)
                && spokeLocal.values().stream().allMatch(List::isEmpty)
                && lambdas.values().stream().allMatch(List::isEmpty)) {
            TreeSet<String> targeted = new TreeSet<>();
            List.of(expanded.launchTargets(), expanded.spokeLocalPortfolioTargets(), expanded.lambdaTargets())
                    .forEach(section ->
                            section.values().forEach(targets -> targets.forEach(t -> targeted.add(t.accountId()))));
            throw error("--single-account " + accountId + ": no launch, spoke-local portfolio or lambda invocation"
                    + " targets this account; accounts targeted: " + String.join(", ", targeted));
        }
        return new ExpandedManifest(
                expanded.manifest(),
                expanded.options(),
                expanded.accounts().stream()
                        .filter(a -> a.accountId().equals(accountId))
                        .toList(),
                launches,
                spokeLocal,
                lambdas,
                expanded.manifestParameters(),
                expanded.warnings());
    }

    /** True when the (filtered) section gives the item at least one target. */
    public static boolean hasTargets(Map<String, List<Target>> section, String item) {
        List<Target> targets = section.get(item);
        return targets != null && !targets.isEmpty();
    }

    private static Map<String, List<Target>> only(Map<String, List<Target>> section, String accountId) {
        Map<String, List<Target>> out = new LinkedHashMap<>();
        section.forEach((item, targets) -> out.put(
                item,
                targets.stream().filter(t -> t.accountId().equals(accountId)).toList()));
        return out;
    }

    private static ManifestException error(String message) {
        return new ManifestException(new Problem(null, "", message, Problem.Severity.ERROR));
    }
}
