package io.jenkins.plugins.scpuppet.engine;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Why a cacheable task executed, with the details the reason carries: the changed parameters (sorted by name, at most
 * {@value #MAX_CHANGES}), the old and new implementation version, or a problem.
 */
public record CacheMiss(
        MissReason reason,
        List<ParameterChange> changes,
        String oldImplementation,
        String newImplementation,
        String problem) {
    /** The controller accepts at most this many changes per task. */
    public static final int MAX_CHANGES = 64;

    public static final CacheMiss NO_TARGET = of(MissReason.NO_TARGET);
    public static final CacheMiss CACHING_DISABLED = of(MissReason.CACHING_DISABLED);
    public static final CacheMiss PURGED = of(MissReason.PURGED);

    public CacheMiss {
        Objects.requireNonNull(reason, "reason");
        changes = List.copyOf(changes);
    }

    private static CacheMiss of(MissReason reason) {
        return new CacheMiss(reason, List.of(), null, null, null);
    }

    public static CacheMiss parametersChanged(List<ParameterChange> changes) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a parameter change needs at least one changed parameter");
        }
        return new CacheMiss(
                MissReason.PARAMETERS_CHANGED,
                changes.subList(0, Math.min(MAX_CHANGES, changes.size())),
                null,
                null,
                null);
    }

    public static CacheMiss implementationChanged(int oldVersion, int newVersion) {
        return new CacheMiss(
                MissReason.IMPLEMENTATION_CHANGED,
                List.of(),
                String.valueOf(oldVersion),
                String.valueOf(newVersion),
                null);
    }

    public static CacheMiss targetInvalid(String problem) {
        return new CacheMiss(MissReason.TARGET_INVALID, List.of(), null, null, problem);
    }

    public static CacheMiss forced(String why) {
        return new CacheMiss(MissReason.FORCED, List.of(), null, null, why);
    }

    /** One line for logs and the plan, e.g. {@code parameters changed: version v1 -> v2}. */
    public String describe() {
        return switch (reason) {
            case PARAMETERS_CHANGED ->
                reason.label() + ": "
                        + changes.stream()
                                .map(c -> c.parameter() + " " + c.oldValue() + " -> " + c.newValue())
                                .collect(Collectors.joining(", "));
            case IMPLEMENTATION_CHANGED -> reason.label() + ": " + oldImplementation + " -> " + newImplementation;
            case TARGET_INVALID, FORCED -> reason.label() + ": " + problem;
            default -> reason.label();
        };
    }
}
