package io.jenkins.plugins.scpuppet.manifest;

import io.jenkins.plugins.scpuppet.manifest.YNode.YScalar;
import java.util.List;
import java.util.Set;

/** Parses what an item needs first: {@code depends_on} and the {@code pre_actions}/{@code post_actions} it names. */
final class DependencyParser {

    private DependencyParser() {}

    static List<DependsOn> dependsOn(Cursor item) {
        if (!item.has("depends_on")) {
            return List.of();
        }
        return item.child("depends_on").asList(d -> {
            if (d.node instanceof YScalar) {
                String name = d.asString();
                return name == null ? null : new DependsOn(name, DependsOn.Section.LAUNCH, d.path, d.mark());
            }
            if (!d.onlyKnownKeys(Set.of("name", "type", "affinity"))) {
                return null;
            }
            String type = d.string("type", "launch");
            DependsOn.Section section = null;
            for (DependsOn.Section s : DependsOn.Section.values()) {
                if (s.type().equals(type)) {
                    section = s;
                }
            }
            if (section == null) {
                d.child("type")
                        .error("expected launch, lambda-invocation or spoke-local-portfolio, got '" + type + "'");
                return null;
            }
            String name = d.string("name", true);
            return name == null ? null : new DependsOn(name, section, d.path, d.mark());
        });
    }

    static List<ActionRef> actionRefs(Cursor item, String key) {
        if (!item.has(key)) {
            return List.of();
        }
        return item.child(key)
                .asList(a -> a.onlyKnownKeys(Set.of("name"))
                        ? new ActionRef(a.string("name", true), a.path, a.mark())
                        : null);
    }
}
