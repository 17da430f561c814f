package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events of each stack, as DescribeStackEvents lists them (newest first), and what a deletion does to the
 * template's S3 buckets: AWS refuses to delete a bucket that still holds any object version or delete marker, so the
 * resource and then the stack end in DELETE_FAILED, with the reasons CloudFormation gives.
 */
final class StackEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, List<String>> events = new HashMap<>();
    private final Map<String, String> reasons = new HashMap<>();

    /** A stack-level event: the stack itself changed to {@code status}. */
    void stack(String key, CloudFormationService.Stack s, String status, String reason) {
        add(key, s, s.name(), s.id(), "AWS::CloudFormation::Stack", status, reason);
        if (reason != null) {
            reasons.put(key, reason);
        } else {
            reasons.remove(key);
        }
    }

    /** The StackStatusReason DescribeStacks shows (only after a failure), or null. */
    String reason(String key) {
        return reasons.get(key);
    }

    /** A stack gone for good: DescribeStackEvents then answers as for any missing stack. */
    void forget(String key) {
        events.remove(key);
        reasons.remove(key);
    }

    /**
     * Deletes the template's buckets unless one still holds objects: then records each such bucket's DELETE_FAILED
     * and the stack's, and returns false (nothing is deleted, as the caller keeps the stack).
     */
    boolean deleteBuckets(String key, CloudFormationService.Stack s, CloudFormationService.Buckets buckets) {
        Map<String, String> named = buckets(s.template());
        List<String> failed = new ArrayList<>();
        named.forEach((logicalId, name) -> {
            if (!buckets.isEmpty(name)) {
                failed.add(logicalId);
                add(
                        key,
                        s,
                        logicalId,
                        name,
                        "AWS::S3::Bucket",
                        "DELETE_FAILED",
                        "Resource handler returned message: \"The bucket you tried to delete is not empty. You must"
                                + " delete all versions in the bucket. (Service: S3, Status Code: 409, Request ID: "
                                + UUID.randomUUID() + ")\" (HandlerErrorCode: GeneralServiceException)");
            }
        });
        if (!failed.isEmpty()) {
            stack(key, s, "DELETE_FAILED", "The following resource(s) failed to delete: " + failed + ". ");
            return false;
        }
        named.values().forEach(buckets::delete);
        return true;
    }

    /** The members of DescribeStackEvents' StackEvents list. */
    String describe(String key) {
        StringBuilder out = new StringBuilder("<StackEvents>");
        List<String> list = events.getOrDefault(key, List.of());
        for (int i = list.size() - 1; i >= 0; i--) {
            out.append(list.get(i));
        }
        return out.append("</StackEvents>").toString();
    }

    private void add(
            String key,
            CloudFormationService.Stack s,
            String logicalId,
            String physicalId,
            String type,
            String status,
            String reason) {
        events.computeIfAbsent(key, k -> new ArrayList<>())
                .add("<member>" + Xml.el("EventId", UUID.randomUUID().toString())
                        + Xml.el("StackId", s.id())
                        + Xml.el("StackName", s.name())
                        + Xml.el("LogicalResourceId", logicalId)
                        + Xml.el("PhysicalResourceId", physicalId)
                        + Xml.el("ResourceType", type)
                        + Xml.el("Timestamp", Instant.now().toString())
                        + Xml.el("ResourceStatus", status)
                        + (reason == null ? "" : Xml.el("ResourceStatusReason", reason))
                        + "</member>");
    }

    /** Logical id to BucketName of the template's AWS::S3::Bucket resources with a literal name. */
    static Map<String, String> buckets(String template) {
        Map<String, String> out = new LinkedHashMap<>();
        if (template == null) {
            return out;
        }
        JsonNode resources;
        try {
            resources = JSON.readTree(template).path("Resources");
        } catch (IOException e) {
            return out; // a template the stand-in cannot read has no buckets it knows of
        }
        resources.fields().forEachRemaining(e -> {
            JsonNode name = e.getValue().path("Properties").path("BucketName");
            if (e.getValue().path("Type").asText().equals("AWS::S3::Bucket") && name.isTextual()) {
                out.put(e.getKey(), name.asText());
            }
        });
        return out;
    }
}
