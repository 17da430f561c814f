package io.jenkins.plugins.scpuppet.standin;

import static io.jenkins.plugins.scpuppet.standin.CatalogState.empty;
import static io.jenkins.plugins.scpuppet.standin.CatalogState.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.standin.ServiceCatalogService.Product;
import io.jenkins.plugins.scpuppet.standin.ServiceCatalogService.ProvisionedProduct;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Service Catalog provisioned products and their records: provision, update, terminate, search, outputs and the
 * OWNER property. The product's stack appears in the stand-in's CloudFormation when one is given.
 */
final class CatalogProvisioning {
    private final CatalogState state;
    private final CloudFormationService stacks;
    private final Map<String, Record> records = new LinkedHashMap<>();

    /** A record ends in {@code status} once the model's clock reaches {@code doneAt}; until then IN_PROGRESS. */
    private record Record(String id, String ppId, String type, String status, long doneAt) {}

    private String statusNow(Record r) {
        return state.model.reached(r.doneAt()) ? r.status() : "IN_PROGRESS";
    }

    /** AWS refuses to change a provisioned product while its last record is in progress. */
    private void notUnderChange(ProvisionedProduct pp) {
        Record last = pp.lastRecordId() == null ? null : records.get(pp.lastRecordId());
        if (last != null && statusNow(last).equals("IN_PROGRESS")) {
            throw new AwsError(
                    "InvalidStateException",
                    "provisioned product " + pp.name() + " is UNDER_CHANGE (record " + last.id() + " in progress)");
        }
    }

    private String ppStatus(ProvisionedProduct pp) {
        Record last = pp.lastRecordId() == null ? null : records.get(pp.lastRecordId());
        return last != null && statusNow(last).equals("IN_PROGRESS") ? "UNDER_CHANGE" : pp.status();
    }

    CatalogProvisioning(CatalogState state, CloudFormationService stacks) {
        this.state = state;
        this.stacks = stacks;
    }

    long records(String type) {
        return records.values().stream().filter(r -> r.type().equals(type)).count();
    }

    /** The answer to {@code op}, or null when it is not a provisioning operation. */
    JsonNode handle(Caller c, String op, JsonNode in) {
        return switch (op) {
            case "SearchProvisionedProducts", "ScanProvisionedProducts" -> searchProvisioned(c, in);
            case "UpdateProvisionedProductProperties" -> updateProperties(c, in);
            case "ProvisionProduct" -> provision(c, in);
            case "UpdateProvisionedProduct" -> update(c, in);
            case "TerminateProvisionedProduct" -> terminate(c, in);
            case "DescribeRecord" -> describeRecord(c, in);
            case "GetProvisionedProductOutputs" -> outputs(c, in);
            default -> null;
        };
    }

    private JsonNode searchProvisioned(Caller c, JsonNode in) {
        String query = in.path("Filters").path("SearchQuery").path(0).asText("");
        String wanted = query.startsWith("name:") ? query.substring(5) : null;
        // AccessLevelFilter defaults to User: without Account, a caller sees only what its own user or role launched.
        boolean account =
                "Account".equals(in.path("AccessLevelFilter").path("Key").asText(""));
        String caller = userArn(state.identity.apply(c));
        ObjectNode out = empty();
        ArrayNode list = out.putArray("ProvisionedProducts");
        for (ProvisionedProduct pp : state.pps(c).values()) {
            boolean visible = account || (caller != null && caller.equals(userArn(state.launchedBy.get(pp.id()))));
            if (visible && (wanted == null || pp.name().equals(wanted))) {
                list.addObject()
                        .put("Name", pp.name())
                        .put("Id", pp.id())
                        .put("Status", ppStatus(pp))
                        .put("ProductId", pp.productId())
                        .put("ProvisioningArtifactId", pp.artifactId())
                        .put("LastRecordId", pp.lastRecordId())
                        .put("Type", "CFN_STACK")
                        .put("UserArn", userArn(state.launchedBy.get(pp.id())))
                        .put("UserArnSession", state.launchedBy.get(pp.id()));
            }
        }
        out.put("TotalResultsCount", list.size());
        return out;
    }

    /**
     * SearchProvisionedProducts' UserArn: for a role session, the role (arn:aws:iam::ACCOUNT:role/NAME, the path is
     * not in a session's ARN); UserArnSession keeps the session's own ARN.
     */
    static String userArn(String identity) {
        if (identity == null || !identity.contains(":assumed-role/")) {
            return identity;
        }
        String[] parts = identity.split(":", 6);
        String role = parts[5].substring("assumed-role/".length());
        return "arn:" + parts[1] + ":iam::" + parts[4] + ":role/" + role.substring(0, role.indexOf('/'));
    }

    private static Map<String, String> parameters(Product p, JsonNode in) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode kv : in.path("ProvisioningParameters")) {
            String key = kv.path("Key").asText();
            if (!p.parameters.contains(key)) {
                throw new AwsError(
                        "InvalidParametersException",
                        "Parameter " + key + " is not in the template of " + p.name + "; expected " + p.parameters);
            }
            values.put(key, kv.path("Value").asText());
        }
        return values;
    }

    private JsonNode updateProperties(Caller c, JsonNode in) {
        ProvisionedProduct pp = find(c, "", required(in, "ProvisionedProductId"));
        String owner = in.path("ProvisionedProductProperties").path("OWNER").asText("");
        if (!owner.startsWith("arn:aws:iam::")) {
            throw new AwsError("InvalidParametersException", "OWNER must be an IAM ARN, got '" + owner + "'");
        }
        state.owners.put(pp.id(), owner);
        ObjectNode out = empty().put("ProvisionedProductId", pp.id())
                .put("Status", "SUCCEEDED")
                .put("RecordId", state.newId("rec-"));
        out.putObject("ProvisionedProductProperties").put("OWNER", owner);
        return out;
    }

    private JsonNode provision(Caller c, JsonNode in) {
        Product p = state.launchable(c, in);
        String name = required(in, "ProvisionedProductName");
        if (state.pps(c).values().stream().anyMatch(x -> x.name().equals(name))) {
            throw new AwsError("DuplicateResourceException", "provisioned product " + name + " already exists");
        }
        String id = state.newId("pp-");
        state.launchedBy.put(id, state.identity.apply(c));
        return record(
                c,
                new ProvisionedProduct(
                        id,
                        name,
                        p.id,
                        in.get("ProvisioningArtifactId").asText(),
                        "AVAILABLE",
                        parameters(p, in),
                        outputsFor(p, id),
                        null),
                "PROVISION_PRODUCT");
    }

    private JsonNode update(Caller c, JsonNode in) {
        ProvisionedProduct pp = find(
                c,
                in.path("ProvisionedProductName").asText(""),
                in.path("ProvisionedProductId").asText(""));
        notUnderChange(pp);
        Product p = state.launchable(c, in);
        return record(
                c,
                new ProvisionedProduct(
                        pp.id(),
                        pp.name(),
                        p.id,
                        in.get("ProvisioningArtifactId").asText(),
                        "AVAILABLE",
                        parameters(p, in),
                        outputsFor(p, pp.id()),
                        null),
                "UPDATE_PROVISIONED_PRODUCT");
    }

    private JsonNode terminate(Caller c, JsonNode in) {
        ProvisionedProduct pp = find(
                c,
                in.path("ProvisionedProductName").asText(""),
                in.path("ProvisionedProductId").asText(""));
        notUnderChange(pp);
        state.pps(c).remove(pp.id());
        if (stacks != null) {
            stacks.provisionedStack(c.accountId(), c.region(), pp.id(), null, null);
        }
        Record r = new Record(
                state.newId("rec-"),
                pp.id(),
                "TERMINATE_PROVISIONED_PRODUCT",
                "SUCCEEDED",
                state.model.after(state.model.provisionMillis()));
        records.put(r.id(), r);
        return recordDetail(r, pp);
    }

    private ProvisionedProduct find(Caller c, String name, String id) {
        return state.pps(c).values().stream()
                .filter(x -> x.name().equals(name) || x.id().equals(id))
                .findFirst()
                .orElseThrow(() ->
                        new AwsError("ResourceNotFoundException", "provisioned product " + name + id + " not found"));
    }

    private static Map<String, String> outputsFor(Product p, String ppId) {
        Map<String, String> outputs = new LinkedHashMap<>();
        p.outputs.forEach(k -> outputs.put(k, k.toLowerCase(Locale.ROOT) + "-" + ppId));
        return outputs;
    }

    private JsonNode record(Caller c, ProvisionedProduct pp, String type) {
        Record r = new Record(
                state.newId("rec-"), pp.id(), type, "SUCCEEDED", state.model.after(state.model.provisionMillis()));
        records.put(r.id(), r);
        ProvisionedProduct stored = new ProvisionedProduct(
                pp.id(),
                pp.name(),
                pp.productId(),
                pp.artifactId(),
                pp.status(),
                pp.parameters(),
                pp.outputs(),
                r.id());
        state.pps(c).put(pp.id(), stored);
        if (stacks != null) {
            stacks.provisionedStack(c.accountId(), c.region(), pp.id(), pp.parameters(), pp.outputs());
        }
        return recordDetail(r, stored);
    }

    private ObjectNode recordDetail(Record r, ProvisionedProduct pp) {
        ObjectNode out = empty();
        out.putObject("RecordDetail")
                .put("RecordId", r.id())
                .put("Status", statusNow(r))
                .put("ProvisionedProductId", pp.id())
                .put("ProvisionedProductName", pp.name())
                .put("RecordType", r.type());
        return out;
    }

    private JsonNode describeRecord(Caller c, JsonNode in) {
        Record r = records.get(required(in, "Id"));
        if (r == null) {
            throw AwsError.notFound("Record " + in.get("Id").asText());
        }
        ProvisionedProduct pp = state.pps(c).get(r.ppId());
        String status = statusNow(r);
        ObjectNode out = empty();
        out.putObject("RecordDetail")
                .put("RecordId", r.id())
                .put("Status", status)
                .put("ProvisionedProductId", r.ppId())
                .put("RecordType", r.type());
        ArrayNode outputs = out.putArray("RecordOutputs");
        if (pp != null && status.equals("SUCCEEDED")) {
            pp.outputs()
                    .forEach((k, v) -> outputs.addObject().put("OutputKey", k).put("OutputValue", v));
        }
        return out;
    }

    private JsonNode outputs(Caller c, JsonNode in) {
        ProvisionedProduct pp = find(
                c,
                in.path("ProvisionedProductName").asText(""),
                in.path("ProvisionedProductId").asText(""));
        ObjectNode out = empty();
        ArrayNode list = out.putArray("Outputs");
        pp.outputs().forEach((k, v) -> list.addObject().put("OutputKey", k).put("OutputValue", v));
        return out;
    }
}
