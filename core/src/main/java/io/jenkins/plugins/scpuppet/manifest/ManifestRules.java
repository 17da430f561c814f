package io.jenkins.plugins.scpuppet.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks that span items: references, cycles among items, execution-mode rules and targets that match nothing. */
final class ManifestRules {
    private final Manifest m;
    private final Problems problems;

    ManifestRules(Manifest manifest, Problems problems) {
        this.m = manifest;
        this.problems = problems;
    }

    void check() {
        Map<String, List<DependsOn>> graph = new LinkedHashMap<>();
        m.launches().values().forEach(l -> graph.put(id(DependsOn.Section.LAUNCH, l.name()), l.dependsOn()));
        m.spokeLocalPortfolios()
                .values()
                .forEach(s -> graph.put(id(DependsOn.Section.SPOKE_LOCAL_PORTFOLIO, s.name()), s.dependsOn()));
        m.lambdaInvocations()
                .values()
                .forEach(l -> graph.put(id(DependsOn.Section.LAMBDA_INVOCATION, l.name()), l.dependsOn()));
        graph.values().forEach(this::checkReferences);
        checkCycles(graph);
        m.launches().values().forEach(this::checkLaunch);
        checkTargets();
        checkDuplicateAccounts();
    }

    private static String id(DependsOn.Section section, String name) {
        return section.type() + " " + name;
    }

    private Set<String> names(DependsOn.Section section) {
        return switch (section) {
            case LAUNCH -> m.launches().keySet();
            case LAMBDA_INVOCATION -> m.lambdaInvocations().keySet();
            case SPOKE_LOCAL_PORTFOLIO -> m.spokeLocalPortfolios().keySet();
        };
    }

    private void checkReferences(List<DependsOn> dependsOn) {
        for (DependsOn d : dependsOn) {
            Set<String> names = names(d.section());
            if (!names.contains(d.name())) {
                problems.error(
                        d.mark(),
                        d.path(),
                        "'" + d.name() + "' is not in " + d.section().key() + Problems.didYouMean(d.name(), names)
                                + "; depends_on names an item of the manifest");
            } else if (d.section() == DependsOn.Section.LAUNCH
                    && m.launches().get(d.name()).execution() == Launch.Execution.ASYNC) {
                problems.error(
                        d.mark(),
                        d.path(),
                        "launch '" + d.name()
                                + "' runs with execution: async, so nothing can depend on it (its provisioning is not awaited)");
            }
        }
    }

    /** Depth-first search over items; reports each cycle once, naming every item on it. */
    private void checkCycles(Map<String, List<DependsOn>> graph) {
        Map<String, Integer> state = new HashMap<>(); // 1 on path, 2 done
        for (String start : graph.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            List<Iterator<DependsOn>> its = new ArrayList<>();
            path.add(start);
            its.add(graph.get(start).iterator());
            state.put(start, 1);
            while (!path.isEmpty()) {
                Iterator<DependsOn> it = its.get(its.size() - 1);
                if (!it.hasNext()) {
                    state.put(path.remove(path.size() - 1), 2);
                    its.remove(its.size() - 1);
                    continue;
                }
                DependsOn d = it.next();
                String next = id(d.section(), d.name());
                if (!graph.containsKey(next)) {
                    continue;
                }
                Integer s = state.get(next);
                if (s == null) {
                    state.put(next, 1);
                    path.add(next);
                    its.add(graph.get(next).iterator());
                } else if (s == 1) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
                    cycle.add(next);
                    problems.error(
                            d.mark(),
                            d.path(),
                            "depends_on makes a cycle: " + String.join(" -> ", cycle)
                                    + "; remove one of these dependencies");
                }
            }
        }
    }

    private void checkLaunch(Launch l) {
        String path = "launches." + l.name();
        if (l.execution() == Launch.Execution.SPOKE
                && (!l.preActions().isEmpty() || !l.postActions().isEmpty())) {
            problems.error(l.mark(), path, "pre_actions and post_actions do not run for execution: spoke");
        }
        for (ActionRef a : concat(l.preActions(), l.postActions())) {
            if (a.name() != null && !m.actions().containsKey(a.name())) {
                problems.error(
                        a.mark(),
                        a.path(),
                        "'" + a.name() + "' is not in actions"
                                + Problems.didYouMean(a.name(), m.actions().keySet()));
            }
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Tags and account ids that match no account are warnings: the item then deploys nowhere there. */
    private void checkTargets() {
        Set<String> tags = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Account a : m.accounts()) {
            tags.addAll(a.tags());
            if (a.append() != null) {
                tags.addAll(a.append().tags());
            }
            if (a.overwrite() != null) {
                tags.addAll(a.overwrite().tags());
            }
            if (a.accountId() != null) {
                ids.add(a.accountId());
            }
        }
        List<DeployTo> all = new ArrayList<>();
        m.launches().values().forEach(l -> all.add(l.deployTo()));
        m.spokeLocalPortfolios().values().forEach(s -> all.add(s.deployTo()));
        m.lambdaInvocations().values().forEach(l -> all.add(l.invokeFor()));
        boolean hasOus = m.accounts().stream().anyMatch(a -> a.ou() != null);
        for (DeployTo d : all) {
            for (DeployTo.TagTarget t : d.tags()) {
                if (t.tag() != null && !tags.contains(t.tag())) {
                    problems.warn(
                            t.mark(),
                            t.path() + ".tag",
                            "no account has tag '" + t.tag() + "'" + Problems.didYouMean(t.tag(), tags)
                                    + ", so this target deploys nowhere");
                }
            }
            for (DeployTo.AccountTarget t : d.accounts()) {
                if (t.accountId() != null && !ids.contains(t.accountId()) && !hasOus) {
                    problems.warn(
                            t.mark(),
                            t.path() + ".account_id",
                            "account " + t.accountId() + " is not in accounts, so this target deploys nowhere");
                }
            }
        }
    }

    private void checkDuplicateAccounts() {
        Map<String, Account> seen = new HashMap<>();
        for (Account a : m.accounts()) {
            if (a.accountId() == null) {
                continue;
            }
            Account first = seen.putIfAbsent(a.accountId(), a);
            if (first != null && a.append() == null && a.overwrite() == null) {
                problems.error(
                        a.mark(),
                        a.path(),
                        "account " + a.accountId() + " is listed again (first at line "
                                + first.mark().line() + ") without append or overwrite");
            }
        }
    }
}
