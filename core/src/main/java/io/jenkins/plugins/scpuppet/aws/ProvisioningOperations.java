package io.jenkins.plugins.scpuppet.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import io.jenkins.plugins.scpuppet.tasks.PuppetOperations.ProvisionRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;
import software.amazon.awssdk.services.servicecatalog.model.DescribeRecordResponse;
import software.amazon.awssdk.services.servicecatalog.model.LaunchPathSummary;
import software.amazon.awssdk.services.servicecatalog.model.ProvisionedProductAttribute;
import software.amazon.awssdk.services.servicecatalog.model.ProvisioningParameter;
import software.amazon.awssdk.services.servicecatalog.model.RecordDetail;
import software.amazon.awssdk.services.servicecatalog.model.UpdateProvisioningParameter;

/**
 * Provisioning with Service Catalog: artifact parameters, provision or update (the launch name is the provisioned
 * product's name, as upstream), terminate, and read-only dry runs. Tokens make every mutating call idempotent.
 */
final class ProvisioningOperations {
    private static final JsonNodeFactory J = JsonNodeFactory.instance;
    private final AwsClients clients;
    private final Poller poller;
    /**
     * Launch paths found in this run, by account, region, portfolio and product: the artifact-parameters task and the
     * provision of a launch both need it, and it holds while the portfolio stays associated (a run's tasks do not
     * remove an association before the provisions that use it). One short string per launch target.
     */
    private final Map<String, String> launchPaths = new ConcurrentHashMap<>();

    ProvisioningOperations(AwsClients clients, Poller poller) {
        this.clients = clients;
        this.poller = poller;
    }

    private ServiceCatalogClient sc(String account, String region) {
        return clients.serviceCatalog(account, region);
    }

    /** The launch path through the named portfolio (upstream looks it up by portfolio name), looked up once a run. */
    private String launchPath(String account, String region, String portfolio, String productId) throws TaskException {
        String key = account + " " + region + " " + portfolio + " " + productId;
        String known = launchPaths.get(key);
        if (known != null) {
            return known;
        }
        String found = findLaunchPath(account, region, portfolio, productId);
        launchPaths.put(key, found);
        return found;
    }

    private String findLaunchPath(String account, String region, String portfolio, String productId)
            throws TaskException {
        List<LaunchPathSummary> paths =
                sc(account, region).listLaunchPathsPaginator(r -> r.productId(productId)).stream()
                        .flatMap(p -> p.launchPathSummaries().stream())
                        .toList();
        return paths.stream()
                .filter(p -> portfolio.equals(p.name()))
                .findFirst()
                .or(() -> paths.stream().findFirst())
                .map(LaunchPathSummary::id)
                .orElseThrow(() -> new TaskException(
                        "LaunchPathNotFound",
                        "product " + productId
                                + " has no launch path in " + account + " " + region
                                + " (is the PuppetRole associated with"
                                + " portfolio '" + portfolio + "'?)",
                        false));
    }

    ObjectNode parameters(String account, String region, String portfolio, String productId, String versionId)
            throws TaskException {
        String path = launchPath(account, region, portfolio, productId);
        ObjectNode out = J.objectNode();
        var list = out.putArray("parameters");
        sc(account, region)
                .describeProvisioningParameters(r ->
                        r.productId(productId).provisioningArtifactId(versionId).pathId(path))
                .provisioningArtifactParameters()
                .forEach(p -> list.addObject()
                        .put("ParameterKey", p.parameterKey())
                        .put("ParameterType", p.parameterType())
                        .put("IsNoEcho", Boolean.TRUE.equals(p.isNoEcho())));
        return out;
    }

    /**
     * The product's current outputs when it needs no update: AVAILABLE, on the wanted version, and its stack ({@code
     * SC-<account>-<id>}, as Service Catalog names it) has exactly the wanted parameters. Empty means update it
     * (including when the stack cannot be read, or a NoEcho parameter hides its value).
     */
    private Optional<Map<String, String>> unchanged(
            String account,
            String region,
            ProvisionedProductAttribute pp,
            String versionId,
            Map<String, String> wanted) {
        if (!"AVAILABLE".equals(pp.statusAsString()) || !versionId.equals(pp.provisioningArtifactId())) {
            return Optional.empty();
        }
        Stack stack;
        try {
            stack = clients
                    .cloudFormation(account, region)
                    .describeStacks(d -> d.stackName("SC-" + account + "-" + pp.id()))
                    .stacks()
                    .stream()
                    .findFirst()
                    .orElse(null);
        } catch (CloudFormationException e) {
            return Optional.empty(); // no such stack, or not readable: updating is the safe choice
        }
        if (stack == null) {
            return Optional.empty();
        }
        Map<String, String> current = new TreeMap<>();
        stack.parameters().forEach(p -> current.put(p.parameterKey(), p.parameterValue()));
        // Parameters the manifest does not set keep the template's default, as they did when provisioned; every one
        // it sets must have that value now (a NoEcho value reads as ****, so it always differs: it is updated).
        if (!wanted.entrySet().stream().allMatch(e -> e.getValue().equals(current.get(e.getKey())))) {
            return Optional.empty();
        }
        Map<String, String> outputs = new TreeMap<>();
        stack.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
        return Optional.of(outputs);
    }

    Optional<ProvisionedProductAttribute> find(String account, String region, String name) {
        return sc(account, region)
                .searchProvisionedProducts(r -> r.filtersWithStrings(Map.of("SearchQuery", List.of("name:" + name))))
                .provisionedProducts()
                .stream()
                .filter(p -> name.equals(p.name()))
                .findFirst();
    }

    ObjectNode provision(ProvisionRequest req) throws Exception {
        String a = req.accountId();
        String r = req.region();
        Map<String, String> values = new TreeMap<>();
        Map<String, String> identities = new TreeMap<>();
        req.parameters().forEach((k, v) -> {
            if (req.declaredParameters().contains(k)) {
                values.put(k, v);
                identities.put(k, req.parameterIdentities().getOrDefault(k, v));
            }
        });
        String path = launchPath(a, r, req.portfolio(), req.productId());
        String token = Tokens.of("provision", a, r, req.launchName(), req.versionId(), identities.toString());
        Optional<ProvisionedProductAttribute> existing = find(a, r, req.launchName());
        if (existing.isPresent() && "ERROR".equals(existing.get().statusAsString())) {
            // Upstream's rule: a product in ERROR cannot be updated, so it is replaced.
            terminate(a, r, req.launchName());
            existing = Optional.empty();
        }
        if (existing.isPresent()) {
            Optional<Map<String, String>> unchangedOutputs = unchanged(a, r, existing.get(), req.versionId(), values);
            if (unchangedOutputs.isPresent()) {
                // Upstream's rule: same version, same parameters, AVAILABLE: nothing to update.
                ObjectNode result = J.objectNode()
                        .put("provisioned_product_id", existing.get().id())
                        .put("action", "unchanged")
                        .put("status", "AVAILABLE");
                ObjectNode outputs = result.putObject("outputs");
                unchangedOutputs.get().forEach(outputs::put);
                return result;
            }
        }
        RecordDetail record;
        if (existing.isEmpty()) {
            record = sc(a, r).provisionProduct(x -> x.productId(req.productId())
                            .provisioningArtifactId(req.versionId())
                            .pathId(path)
                            .provisionedProductName(req.launchName())
                            .provisionToken(token)
                            .provisioningParameters(values.entrySet().stream()
                                    .map(e -> ProvisioningParameter.builder()
                                            .key(e.getKey())
                                            .value(e.getValue())
                                            .build())
                                    .toList()))
                    .recordDetail();
        } else {
            String id = existing.get().id();
            record = sc(a, r).updateProvisionedProduct(x -> x.provisionedProductId(id)
                            .productId(req.productId())
                            .provisioningArtifactId(req.versionId())
                            .pathId(path)
                            .updateToken(token)
                            .provisioningParameters(values.entrySet().stream()
                                    .map(e -> UpdateProvisioningParameter.builder()
                                            .key(e.getKey())
                                            .value(e.getValue())
                                            .build())
                                    .toList()))
                    .recordDetail();
        }
        ObjectNode result = J.objectNode()
                .put("provisioned_product_id", record.provisionedProductId())
                .put("record_id", record.recordId())
                .put("action", existing.isEmpty() ? "provisioned" : "updated");
        ObjectNode outputs = result.putObject("outputs");
        if (!req.awaitCompletion()) {
            return result.put("status", record.statusAsString());
        }
        // A launch deploys one product version everywhere: its records take about as long in each account and region.
        String kind = (existing.isEmpty() ? "provision/" : "update/") + req.launchName() + " " + req.versionId();
        return (ObjectNode) awaitRecord(a, r, kind, record.recordId(), req.launchName(), done -> {
            done.recordOutputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
            return result.put("status", done.recordDetail().statusAsString());
        });
    }

    /**
     * {@code then} applied to the record once it succeeded; polled without holding a worker inside a run. Records of
     * one {@code kind} (an action on one launch) take about as long as each other, so the poller learns when to look.
     */
    private JsonNode awaitRecord(
            String a, String r, String kind, String recordId, String launch, Poller.Finish<DescribeRecordResponse> then)
            throws Exception {
        return poller.settle(
                kind,
                "record " + recordId + " of " + launch,
                () -> {
                    DescribeRecordResponse d = sc(a, r).describeRecord(x -> x.id(recordId));
                    String s = d.recordDetail().statusAsString();
                    return s.equals("CREATED") || s.equals("IN_PROGRESS") || s.equals("IN_PROGRESS_IN_ERROR")
                            ? null
                            : d;
                },
                done -> {
                    if (!"SUCCEEDED".equals(done.recordDetail().statusAsString())) {
                        String errors = done.recordDetail().recordErrors().stream()
                                .map(e -> e.code() + ": " + e.description())
                                .toList()
                                .toString();
                        throw new TaskException(
                                "ProvisioningFailed",
                                launch + " in " + a + " " + r + " ended "
                                        + done.recordDetail().statusAsString() + " " + errors,
                                false);
                    }
                    return then.apply(done);
                });
    }

    ObjectNode terminate(String a, String r, String launch) throws Exception {
        Optional<ProvisionedProductAttribute> existing = find(a, r, launch);
        if (existing.isEmpty()) {
            return J.objectNode().put("terminated", false).put("reason", "nothing provisioned");
        }
        RecordDetail record = sc(a, r).terminateProvisionedProduct(x -> x.provisionedProductId(
                                existing.get().id())
                        .terminateToken(Tokens.of(
                                "terminate", a, r, launch, existing.get().id())))
                .recordDetail();
        return (ObjectNode) awaitRecord(
                a,
                r,
                "terminate/" + launch,
                record.recordId(),
                launch,
                done -> J.objectNode()
                        .put("terminated", true)
                        .put("provisioned_product_id", existing.get().id()));
    }

    /** Upstream's reset-provisioned-product-owner: the PuppetRole becomes the product's OWNER. */
    ObjectNode resetOwner(String a, String r, String launch, String roleArn) {
        Optional<ProvisionedProductAttribute> existing = find(a, r, launch);
        if (existing.isEmpty()) {
            return J.objectNode().put("reset", false).put("reason", "nothing provisioned");
        }
        String id = existing.get().id();
        sc(a, r).updateProvisionedProductProperties(x -> x.provisionedProductId(id)
                .provisionedProductPropertiesWithStrings(Map.of("OWNER", roleArn))
                .idempotencyToken(Tokens.of("owner", a, r, id, roleArn)));
        return J.objectNode()
                .put("reset", true)
                .put("provisioned_product_id", id)
                .put("owner", roleArn);
    }

    ObjectNode dryRunProvision(String a, String r, String launch, String version) {
        Optional<ProvisionedProductAttribute> existing = find(a, r, launch);
        if (existing.isEmpty()) {
            return J.objectNode()
                    .put("effect", "CHANGE")
                    .put("current_version", "-")
                    .put("new_version", version)
                    .put("current_status", "NOT_PROVISIONED")
                    .put("active", false)
                    .put("notes", "not provisioned yet");
        }
        var current = sc(a, r).describeProvisioningArtifact(
                        x -> x.productId(existing.get().productId())
                                .provisioningArtifactId(existing.get().provisioningArtifactId()))
                .provisioningArtifactDetail();
        boolean same = version.equals(current.name());
        return J.objectNode()
                .put("effect", same ? "NO_CHANGE" : "CHANGE")
                .put("current_version", current.name())
                .put("new_version", version)
                .put("current_status", existing.get().statusAsString())
                .put("active", Boolean.TRUE.equals(current.active()))
                .put("provisioned_product_id", existing.get().id())
                .put("notes", same ? "version unchanged; parameters are re-applied" : "version changes");
    }

    ObjectNode dryRunTerminate(String a, String r, String launch) {
        Optional<ProvisionedProductAttribute> existing = find(a, r, launch);
        return J.objectNode()
                .put("effect", existing.isPresent() ? "CHANGE" : "NO_CHANGE")
                .put(
                        "notes",
                        existing.isPresent()
                                ? "would terminate " + existing.get().id()
                                : "nothing to do");
    }
}
