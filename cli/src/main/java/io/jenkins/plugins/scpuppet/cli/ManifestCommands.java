package io.jenkins.plugins.scpuppet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.scpuppet.engine.TaskGraph;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionJson;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.LeastPrivilegeCheck;
import io.jenkins.plugins.scpuppet.manifest.Manifest;
import io.jenkins.plugins.scpuppet.manifest.ManifestException;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.tasks.GraphExport;
import io.jenkins.plugins.scpuppet.tasks.GraphOptions;
import io.jenkins.plugins.scpuppet.tasks.Planner;
import io.jenkins.plugins.scpuppet.tasks.PuppetOperations;
import io.jenkins.plugins.scpuppet.tasks.SecureValues;
import io.jenkins.plugins.scpuppet.tasks.TaskGraphBuilder;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The offline manifest commands: validate, expand, graph and plan. None of them calls AWS. */
final class ManifestCommands {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestCommands() {}

    /** What every offline command needs to read a manifest. */
    static class ManifestArgs {
        @Parameters(index = "0", paramLabel = "MANIFEST", description = "The manifest.yaml.")
        Path manifest;

        @Option(
                names = "--puppet-account-id",
                defaultValue = "000000000000",
                description = "The hub account, for <name>-<account>.properties (default: ${DEFAULT-VALUE}).")
        String puppetAccountId;

        @Option(names = "--home-region", defaultValue = "eu-west-1", description = "Default: ${DEFAULT-VALUE}.")
        String homeRegion;

        @Option(names = "--regions", split = ",", description = "The config's regions, for regions: all.")
        List<String> regions = List.of();

        Manifest load() throws ManifestException {
            return new ManifestLoader().load(manifest, puppetAccountId);
        }

        ExpandedManifest expand() throws ManifestException {
            return new Expander(AccountResolver.NONE)
                    .expand(load(), new ExpansionOptions(puppetAccountId, homeRegion, regions));
        }

        List<TaskSpec> roots(boolean dryRun, SingleAccountOption single) throws ManifestException {
            PuppetOperations offline = (PuppetOperations) Proxy.newProxyInstance(
                    PuppetOperations.class.getClassLoader(), new Class<?>[] {PuppetOperations.class}, (p, m, a) -> {
                        throw new IllegalStateException("offline commands do not call AWS");
                    });
            return TaskGraphBuilder.roots(
                    single.apply(expand()), offline, new GraphOptions(dryRun, false), new SecureValues(), single.on());
        }
    }

    /** validate's and plan's --least-privilege: the checks deploy makes when puppet_role_permissions says so. */
    static final class LeastPrivilegeOption {
        @Option(
                names = "--least-privilege",
                description = "The PuppetRoles are least-privilege (bootstrap-spoke --least-privilege;"
                        + " puppet_role_permissions: least-privilege): refuse launches that have no launch-role"
                        + " constraint, as deploy does.")
        boolean on;

        void check(Manifest manifest) throws ManifestException {
            if (on) {
                LeastPrivilegeCheck.require(manifest);
            }
        }
    }

    @Command(name = "validate", description = "Check a manifest; print every problem with file:line:column.")
    static final class Validate extends ManifestArgs implements Callable<Integer> {
        @Mixin
        LeastPrivilegeOption leastPrivilege = new LeastPrivilegeOption();

        @Override
        public Integer call() throws Exception {
            Manifest m = load();
            leastPrivilege.check(m);
            m.warnings().forEach(w -> System.err.println(w));
            System.out.println(manifest + " is valid: " + m.launches().size() + " launches, "
                    + m.spokeLocalPortfolios().size() + " spoke-local portfolios, "
                    + m.lambdaInvocations().size()
                    + " lambda invocations, " + m.accounts().size() + " account entries");
            return ExitCodes.OK;
        }
    }

    @Command(name = "expand", description = "Print the manifest with every target resolved to accounts and regions.")
    static final class Expand extends ManifestArgs implements Callable<Integer> {
        @Mixin
        SingleAccountOption single = new SingleAccountOption();

        @Override
        public Integer call() throws Exception {
            System.out.println(JSON.writeValueAsString(ExpansionJson.of(single.apply(expand()))));
            return ExitCodes.OK;
        }
    }

    @Command(name = "graph", description = "Print the task graph as Graphviz DOT or JSON.")
    static final class Graph extends ManifestArgs implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "dot", description = "dot or json (default: ${DEFAULT-VALUE}).")
        String format;

        @Mixin
        SingleAccountOption single = new SingleAccountOption();

        @Override
        public Integer call() throws Exception {
            TaskGraph graph = TaskGraph.of(roots(false, single));
            switch (format) {
                case "dot" -> System.out.print(GraphExport.dot(graph));
                case "json" -> System.out.println(JSON.writeValueAsString(GraphExport.json(graph)));
                default ->
                    throw new picocli.CommandLine.ParameterException(
                            new picocli.CommandLine(this), "--format must be dot or json, got '" + format + "'");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "plan", description = "Say which tasks would be cached and which executed, without calling AWS.")
    static final class Plan extends ManifestArgs implements Callable<Integer> {
        @Mixin
        CacheDirOption cache = new CacheDirOption();

        @Option(
                names = "--caching",
                defaultValue = "true",
                arity = "1",
                description = "Whether caching is enabled (default: ${DEFAULT-VALUE}).")
        boolean caching;

        @Mixin
        LeastPrivilegeOption leastPrivilege = new LeastPrivilegeOption();

        @Mixin
        SingleAccountOption single = new SingleAccountOption();

        @Override
        public Integer call() throws Exception {
            leastPrivilege.check(load());
            List<Planner.Step> steps = Planner.plan(roots(false, single), cache.cacheDir, caching);
            long cached = steps.stream()
                    .filter(s -> s.decision() == Planner.Decision.CACHED)
                    .count();
            for (Planner.Step s : steps) {
                System.out.println(
                        String.format("%-22s %s  (%s)", s.decision(), s.key().id(), s.reason()));
            }
            System.out.println(cached + " cached, " + (steps.size() - cached) + " to execute; tasks keyed by AWS"
                    + " ids (shares, artifact parameters) are decided at run time");
            return ExitCodes.OK;
        }
    }
}
