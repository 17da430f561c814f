package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;
import java.util.stream.Collectors;

/** A manifest that cannot be used; the message lists every problem found, one per line. */
public final class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public ManifestException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public ManifestException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
