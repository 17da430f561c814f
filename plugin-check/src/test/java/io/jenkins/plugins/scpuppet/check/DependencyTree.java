package io.jenkins.plugins.scpuppet.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the text output of {@code dependency:tree} (one resolved node per line, after conflict resolution). */
final class DependencyTree {
    private static final Set<String> SCOPES = Set.of("compile", "runtime", "provided", "test", "system");

    private DependencyTree() {}

    /** Every dependency below the root line, in tree order. */
    static List<Artifact> parse(String text) {
        List<Artifact> out = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 1; i < lines.length; i++) {
            String node = lines[i].replaceFirst("^[|+\\\\\\- ]+", "").split(" ")[0];
            if (node.isBlank()) {
                continue;
            }
            String[] p = node.split(":");
            // groupId:artifactId:type[:classifier]:version:scope
            if (p.length < 5 || !SCOPES.contains(p[p.length - 1])) {
                throw new IllegalArgumentException("not a dependency:tree node: " + lines[i]);
            }
            out.add(new Artifact(p[0], p[1], p[p.length - 2], p[p.length - 1]));
        }
        return out;
    }

    /** What a packaged plugin bundles: the compile and runtime nodes. */
    static List<Artifact> packaged(List<Artifact> all) {
        return all.stream()
                .filter(a -> a.scope().equals("compile") || a.scope().equals("runtime"))
                .toList();
    }
}
