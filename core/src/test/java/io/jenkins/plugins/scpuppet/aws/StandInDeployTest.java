package io.jenkins.plugins.scpuppet.aws;

import static io.jenkins.plugins.scpuppet.engine.Runs.failures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RetryBackoff;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.report.JUnitXmlWriter;
import io.jenkins.plugins.scpuppet.report.RunReportWriter;
import io.jenkins.plugins.scpuppet.standin.ServiceCatalogService;
import io.jenkins.plugins.scpuppet.tasks.GraphOptions;
import io.jenkins.plugins.scpuppet.tasks.TaskGraphBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The demo manifest deployed with the real SDK over HTTP against the AWS stand-in. */
class StandInDeployTest extends StandInTest {
    private static final Path DEMO = Path.of("..", "test-resources", "manifests", "demo", "manifest.yaml");

    private List<TaskSpec> roots(GraphOptions graphOptions) throws Exception {
        var manifest = new ManifestLoader().load(DEMO, HUB);
        var expanded = new Expander(AccountResolver.NONE)
                .expand(manifest, new ExpansionOptions(HUB, "eu-west-1", List.of("eu-west-1", "eu-west-2")));
        return TaskGraphBuilder.roots(expanded, new AwsPuppetOperations(clients, HUB, "eu-west-1"), graphOptions);
    }

    private RunSummary deploy() throws Exception {
        return deploy(GraphOptions.DEFAULT);
    }

    private RunSummary deploy(GraphOptions graphOptions) throws Exception {
        RunOptions options = RunOptions.defaults(cache)
                .withWorkers(4)
                .withBackoff(RetryBackoff.NONE)
                .withErrorClassifier(AwsErrors::classify);
        return Engine.run(roots(graphOptions), options, RunListener.NONE);
    }

    @Test
    void shouldDeployTheDemoThenTakeEveryCacheableTaskFromTheCacheWithTheSameState() throws Exception {
        RunSummary first = deploy();
        String stateAfterFirst = state();
        RunSummary second = deploy();

        assertThat(first.outcome()).as(failures(first)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(first.count(TaskStatus.CACHED)).isZero();
        assertThat(second.outcome()).as(failures(second)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(second.tasks())
                .filteredOn(TaskOutcome::cacheable)
                .hasSizeGreaterThan(5)
                .allMatch(t -> t.status() == TaskStatus.CACHED);
        assertThat(second.tasks()).filteredOn(t -> !t.cacheable()).allMatch(t -> t.status() == TaskStatus.EXECUTED);
        assertThat(state()).isEqualTo(stateAfterFirst);

        ServiceCatalogService sc = standIn.serviceCatalog();
        assertThat(sc.acceptedBy("222222222222", "eu-west-1")).hasSize(2);
        assertThat(sc.acceptedBy("222222222222", "eu-west-2")).hasSize(1);
        assertThat(sc.acceptedBy("333333333333", "eu-west-2")).hasSize(2);
        assertThat(names(sc.provisioned("222222222222", "eu-west-1")))
                .containsExactlyInAnyOrder("account-baseline", "baseline-vpc", "flow-logs");
        assertThat(names(sc.provisioned("333333333333", "eu-west-2")))
                .containsExactlyInAnyOrder("account-baseline", "baseline-vpc");
        assertThat(names(sc.provisioned(HUB, "eu-west-1"))).containsExactly("account-baseline");
        assertThat(sc.provisioned("333333333333", "eu-west-2"))
                .filteredOn(p -> p.name().equals("account-baseline"))
                .allMatch(p -> p.parameters().equals(java.util.Map.of("Environment", "dev")));
        assertThat(standIn.ssm().get(HUB, "eu-west-1", "/demo/222222222222/eu-west-2/vpc-id"))
                .startsWith("vpcid-pp-");
        assertThat(standIn.lambda().invocations()).hasSize(2 * 2);
        assertThat(standIn.cloudFormation().stacks("222222222222", "eu-west-1").keySet())
                .anyMatch(n -> n.startsWith("associations-for-portfolio-"))
                .anyMatch(n -> n.startsWith("launch-constraints-v2-for-portfolio-"));
        assertThat(sc.portfolios())
                .filteredOn(p -> p.owner.equals("222222222222"))
                .singleElement()
                .satisfies(p -> assertThat(p.productIds).hasSize(3));
        // Every account's calls went through its bootstrapped PuppetRole, judged by the stand-in's IAM.
        assertThat(standIn.iam().enforcing()).isTrue();
        assertThat(standIn.iam().decisions())
                .allMatch(d -> d.standInDecision().equals("Allow"))
                .filteredOn(d -> d.kind().equals("identity"))
                .extracting(d -> d.principalArn())
                .containsAll(List.of(HUB, "222222222222", "333333333333").stream()
                        .map(a -> "arn:aws:iam::" + a + ":role/servicecatalog-puppet/PuppetRole")
                        .toList());
    }

    @Test
    void shouldLeaveAProductAloneWhenItsVersionAndParametersAreUnchangedAndUpdateItWhenOneChanges() throws Exception {
        RunSummary first = deploy();
        long provisioned = standIn.serviceCatalog().records("PROVISION_PRODUCT");
        RunSummary second = deploy();
        long updatesAfterSecond = standIn.serviceCatalog().records("UPDATE_PROVISIONED_PRODUCT");
        // One parameter of one target changes (the SSM value a launch reads for 222222222222 in eu-west-2).
        standIn.ssm().put(HUB, "eu-west-1", "/demo/222222222222/eu-west-2/cidr", "10.9.0.0/16");
        RunSummary third = deploy();

        assertThat(first.outcome()).as(failures(first)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(provisioned).isPositive();
        assertThat(second.outcome()).as(failures(second)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(updatesAfterSecond).isZero(); // upstream's rule: same version and parameters, nothing to update
        assertThat(third.outcome()).as(failures(third)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(standIn.serviceCatalog().records("UPDATE_PROVISIONED_PRODUCT"))
                .isEqualTo(1);
        assertThat(standIn.serviceCatalog().provisioned("222222222222", "eu-west-2"))
                .filteredOn(p -> p.name().equals("baseline-vpc"))
                .singleElement()
                .satisfies(p -> assertThat(p.parameters()).containsEntry("CidrBlock", "10.9.0.0/16"));
        // Outputs still flow when nothing was updated: the SSM output written from the unchanged product's stack.
        assertThat(standIn.ssm().get(HUB, "eu-west-1", "/demo/222222222222/eu-west-1/vpc-id"))
                .startsWith("vpcid-pp-");
    }

    @Test
    void shouldCopyANewHubVersionIntoTheProductCopiedBefore() throws Exception {
        RunSummary first = deploy();
        standIn.serviceCatalog()
                .seedProduct(
                        HUB,
                        "eu-west-1",
                        "demo-networking-portfolio",
                        "vpc",
                        List.of("v1", "v2", "v3"),
                        List.of("CidrBlock"),
                        List.of("VpcId"));
        RunSummary second = deploy();

        assertThat(first.outcome()).as(failures(first)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(second.outcome()).as(failures(second)).isEqualTo(RunOutcome.SUCCESS);
        ServiceCatalogService sc = standIn.serviceCatalog();
        var local = sc.portfolios().stream()
                .filter(p -> p.owner.equals("222222222222"))
                .findFirst()
                .orElseThrow();
        assertThat(local.productIds).hasSize(3); // no second copy of vpc
        assertThat(local.productIds.stream().map(sc::productVersions))
                .filteredOn(e -> e.getKey().equals("vpc"))
                .singleElement()
                .satisfies(e -> assertThat(e.getValue()).containsExactly("v1", "v2", "v3"));
    }

    @Test
    void shouldLetEverySpokePutEventsOnTheHubBusWhenEventsAreForwarded() throws Exception {
        RunSummary run = deploy(new GraphOptions(false, true));

        assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(run.tasks())
                .filteredOn(t -> t.key().family().equals("GeneratePolicies"))
                .singleElement()
                .satisfies(t -> assertThat(t.status()).isEqualTo(TaskStatus.EXECUTED));
        JsonNode policies = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(standIn.cloudFormation()
                        .stacks(HUB, "eu-west-1")
                        .get("servicecatalog-puppet-policies")
                        .template())
                .path("Resources");
        assertThat(policies.path("EventBusPolicy222222222222")
                        .path("Properties")
                        .toString())
                .contains("\"Principal\":\"222222222222\"")
                .contains("servicecatalog-puppet-event-bus")
                .contains("events:PutEvents");
        assertThat(policies.has("EventBusPolicy333333333333")).isTrue();
        assertThat(policies.has("EventBusPolicy" + HUB)).isFalse(); // the hub does not need to be let in
    }

    /** Everything the deploy changes, as one comparable string. */
    private String state() {
        ServiceCatalogService sc = standIn.serviceCatalog();
        StringBuilder s = new StringBuilder();
        for (String account : List.of(HUB, "222222222222", "333333333333")) {
            for (String region : List.of("eu-west-1", "eu-west-2")) {
                s.append(account)
                        .append(region)
                        .append(sc.acceptedBy(account, region))
                        .append(sc.provisioned(account, region).stream()
                                .map(p -> p.id() + p.artifactId() + p.parameters())
                                .sorted()
                                .toList())
                        .append(standIn.cloudFormation().stacks(account, region).keySet());
            }
        }
        sc.portfolios()
                .forEach(p ->
                        s.append(p.id).append(p.sharedWith).append(p.principals).append(p.productIds));
        return s.toString();
    }

    private static List<String> names(List<ServiceCatalogService.ProvisionedProduct> pps) {
        return pps.stream().map(ServiceCatalogService.ProvisionedProduct::name).toList();
    }

    @Test
    void shouldMakeThePuppetRoleTheOwnerOfEveryProvisionedLaunchOnce() throws Exception {
        deploy();
        var manifest = new ManifestLoader().load(DEMO, HUB);
        var expanded = new Expander(AccountResolver.NONE)
                .expand(manifest, new ExpansionOptions(HUB, "eu-west-1", List.of("eu-west-1", "eu-west-2")));
        var tasks = io.jenkins.plugins.scpuppet.tasks.ResetOwnerTasks.roots(
                expanded, new AwsPuppetOperations(clients, HUB, "eu-west-1"));
        RunOptions options = RunOptions.defaults(cache).withWorkers(4).withErrorClassifier(AwsErrors::classify);

        RunSummary first = Engine.run(tasks, options, RunListener.NONE);
        RunSummary second = Engine.run(tasks, options.withRunId(RunOptions.newRunId()), RunListener.NONE);

        assertThat(first.outcome()).as(failures(first)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(first.count(TaskStatus.EXECUTED)).isEqualTo(7);
        assertThat(second.count(TaskStatus.CACHED)).isEqualTo(7);
        for (String account : List.of("222222222222", "333333333333")) {
            for (var pp : standIn.serviceCatalog()
                    .provisioned(account, account.startsWith("2") ? "eu-west-1" : "eu-west-2")) {
                assertThat(standIn.serviceCatalog().ownerOf(pp.id()))
                        .isEqualTo("arn:aws:iam::" + account + ":role/servicecatalog-puppet/PuppetRole");
            }
        }
    }

    @Test
    void shouldSucceedWith30PercentOfCallsThrottledAndCountTheRetries() throws Exception {
        standIn.faults().throttle(0.3);

        RunSummary run = deploy();

        assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(standIn.faults().throttledCount()).isGreaterThan(10);
        assertThat(clients.sdkRetries()).isGreaterThanOrEqualTo(standIn.faults().throttledCount() / 2);
        Path report = cache.resolve("report.json");
        RunReportWriter.write(run, report, java.util.Map.of("awsRetries", clients.sdkRetries()));
        assertThat(Files.readString(report)).contains("\"awsRetries\" : " + clients.sdkRetries());
    }

    @Test
    void shouldFailOnlyTheTaskWithTheInjectedErrorAndSkipItsDependents() throws Exception {
        standIn.faults()
                .fail(
                        "ProvisionProduct",
                        "InvalidParametersException",
                        "Provisioning artifact for flow-logs is not valid",
                        "flow-logs");

        RunSummary run = deploy();

        assertThat(run.outcome()).isEqualTo(RunOutcome.TASK_FAILURES);
        List<TaskOutcome> failed = run.tasks().stream()
                .filter(t -> t.status() == TaskStatus.FAILED)
                .toList();
        assertThat(failed).singleElement().satisfies(t -> {
            assertThat(t.key().family()).isEqualTo("ProvisionProductTask");
            assertThat(t.key().parameters().get("launch_name")).isEqualTo("flow-logs");
            assertThat(t.errorCode()).isEqualTo("InvalidParametersException");
            assertThat(t.errorMessage()).isEqualTo("Provisioning artifact for flow-logs is not valid");
        });
        assertThat(run.tasks().stream()
                        .filter(t -> t.status() == TaskStatus.SKIPPED)
                        .map(t -> t.key().id()))
                .containsExactly("LaunchTask(launch_name=flow-logs)");
        assertThat(run.tasks())
                .filteredOn(t -> t.status() != TaskStatus.FAILED && t.status() != TaskStatus.SKIPPED)
                .hasSize(run.tasks().size() - 2);
        assertNoCredentialsIn(run);
    }

    private void assertNoCredentialsIn(RunSummary run) throws Exception {
        RunReportWriter.write(run, cache.resolve("report/run.json"), java.util.Map.of());
        JUnitXmlWriter.write(run, cache.resolve("report/junit.xml"));
        String everything;
        try (Stream<Path> files = Files.walk(cache)) {
            everything = files.filter(Files::isRegularFile)
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    })
                    .collect(Collectors.joining("\n"));
        }
        assertThat(everything)
                .isNotEmpty()
                .doesNotContain(DemoStandIn.SECRET)
                .doesNotContain(DemoStandIn.ACCESS_KEY)
                .doesNotContain("standin-session-token")
                .doesNotContain("standin-secret-")
                .doesNotContainPattern("ASIA[A-Z0-9]{6}\\d{12}");
    }
}
