package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a CloudFormation template defines that the stand-in's IAM needs: AWS::IAM::Role, AWS::IAM::ManagedPolicy,
 * AWS::IAM::Policy and AWS::ServiceCatalog::LaunchRoleConstraint, with their intrinsic functions resolved. Other
 * resources are not read. A template that is not JSON defines nothing here (the stand-in then knows no role from it,
 * which fails closed).
 */
final class StackIam {
    /** A launch-role constraint: provisioning {@code productId} through {@code portfolioId} runs as the role. */
    record LaunchConstraint(String account, String region, String portfolioId, String productId, String roleArn) {}

    record Contents(
            List<IamRoles.Role> roles,
            Map<String, PolicyDocument> managed,
            List<IamRoles.Attachment> attachments,
            List<LaunchConstraint> constraints) {
        static final Contents NONE = new Contents(List.of(), Map.of(), List.of(), List.of());
    }

    private StackIam() {}

    static Contents read(
            String account,
            String region,
            String stackName,
            String stackId,
            String stackKey,
            String body,
            Map<String, String> parameters) {
        JsonNode template;
        try {
            template = AwsStandIn.JSON.readTree(body == null ? "" : body);
        } catch (IOException notJson) {
            return Contents.NONE;
        }
        if (template == null || !template.isObject()) {
            return Contents.NONE;
        }
        JsonNode resources = template.path("Resources");
        Map<String, String> refs = new HashMap<>();
        refs.put("AWS::AccountId", account);
        refs.put("AWS::Region", region);
        refs.put("AWS::Partition", "aws");
        refs.put("AWS::URLSuffix", "amazonaws.com");
        refs.put("AWS::StackName", stackName);
        refs.put("AWS::StackId", stackId);
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        template.path("Parameters").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String v = parameters.getOrDefault(
                    p.getKey(), p.getValue().path("Default").asText(null));
            if (v != null) {
                refs.put(p.getKey(), v);
            }
        }
        Map<String, String> roleArns = new HashMap<>();
        Intrinsics names = new Intrinsics(refs, (id, attr) -> null, template.get("Conditions"));
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            String id = r.getKey();
            JsonNode props = r.getValue().path("Properties");
            switch (r.getValue().path("Type").asText()) {
                case "AWS::IAM::Role" -> {
                    String name = nameOf(names.text(props.get("RoleName")), stackName, id);
                    refs.put(id, name);
                    roleArns.put(id, "arn:aws:iam::" + account + ":role" + path(names.text(props.get("Path"))) + name);
                }
                case "AWS::IAM::ManagedPolicy" ->
                    refs.put(
                            id,
                            "arn:aws:iam::" + account + ":policy" + path(names.text(props.get("Path")))
                                    + nameOf(names.text(props.get("ManagedPolicyName")), stackName, id));
                default -> refs.putIfAbsent(id, id); // physical ids the stand-in does not create stand as themselves
            }
        }
        Intrinsics all = new Intrinsics(
                refs,
                (id, attr) -> switch (attr) {
                    case "Arn" -> roleArns.get(id);
                    case "RoleId" -> roleArns.containsKey(id) ? roleId(roleArns.get(id)) : null;
                    default -> null;
                },
                template.get("Conditions"));
        return contents(account, region, stackKey, resources, refs, all);
    }

    private static Contents contents(
            String account,
            String region,
            String stackKey,
            JsonNode resources,
            Map<String, String> refs,
            Intrinsics all) {
        List<IamRoles.Role> roles = new ArrayList<>();
        Map<String, PolicyDocument> managed = new LinkedHashMap<>();
        List<IamRoles.Attachment> attachments = new ArrayList<>();
        List<LaunchConstraint> constraints = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            if (r.getValue().has("Condition")
                    && !conditionHolds(all, r.getValue().get("Condition").asText())) {
                continue;
            }
            String id = r.getKey();
            String source = stackKey + "#" + id;
            JsonNode props = all.resolve(r.getValue().path("Properties"));
            switch (r.getValue().path("Type").asText()) {
                case "AWS::IAM::Role" -> roles.add(role(account, stackKey, refs.get(id), props));
                case "AWS::IAM::ManagedPolicy" -> {
                    managed.put(
                            refs.get(id),
                            PolicyDocument.parse(props.path("PolicyDocument"), PolicyDocument.Kind.IDENTITY));
                    props.path("Roles")
                            .forEach(role -> attachments.add(
                                    new IamRoles.Attachment(account, role.asText(), source, null, refs.get(id))));
                }
                case "AWS::IAM::Policy" -> {
                    PolicyDocument doc =
                            PolicyDocument.parse(props.path("PolicyDocument"), PolicyDocument.Kind.IDENTITY);
                    props.path("Roles")
                            .forEach(role -> attachments.add(
                                    new IamRoles.Attachment(account, role.asText(), source, doc, null)));
                }
                case "AWS::ServiceCatalog::LaunchRoleConstraint" ->
                    constraints.add(new LaunchConstraint(
                            account,
                            region,
                            props.path("PortfolioId").asText(),
                            props.path("ProductId").asText(),
                            props.path("RoleArn")
                                    .asText(props.path("LocalRoleName").asText())));
                default -> {
                    // not an IAM resource
                }
            }
        }
        return new Contents(
                List.copyOf(roles), Map.copyOf(managed), List.copyOf(attachments), List.copyOf(constraints));
    }

    /**
     * The capability CloudFormation requires to create a template's IAM resources: CAPABILITY_NAMED_IAM when one has a
     * custom name, CAPABILITY_IAM otherwise, null without IAM resources (CloudFormation User Guide, "Acknowledging IAM
     * resources in CloudFormation templates").
     */
    static String requiredCapability(String body) {
        JsonNode resources;
        try {
            resources = AwsStandIn.JSON.readTree(body == null ? "" : body).path("Resources");
        } catch (IOException notJson) {
            return null;
        }
        String needed = null;
        for (JsonNode r : resources) {
            if (r.path("Type").asText().startsWith("AWS::IAM::")) {
                JsonNode props = r.path("Properties");
                boolean named = props.has("RoleName")
                        || props.has("ManagedPolicyName")
                        || props.has("UserName")
                        || props.has("GroupName")
                        || props.has("InstanceProfileName");
                needed = named || "CAPABILITY_NAMED_IAM".equals(needed) ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM";
            }
        }
        return needed;
    }

    private static boolean conditionHolds(Intrinsics all, String condition) {
        JsonNode v = all.resolve(AwsStandIn.JSON.createObjectNode().put("Condition", condition));
        return v != null && v.asBoolean();
    }

    private static IamRoles.Role role(String account, String stackKey, String name, JsonNode props) {
        JsonNode trustDoc = props.get("AssumeRolePolicyDocument");
        if (trustDoc == null) {
            throw new AwsError("ValidationError", "Role " + name + ": AssumeRolePolicyDocument is required");
        }
        Map<String, PolicyDocument> inline = new LinkedHashMap<>();
        for (JsonNode p : props.path("Policies")) {
            inline.put(
                    p.path("PolicyName").asText(),
                    PolicyDocument.parse(p.path("PolicyDocument"), PolicyDocument.Kind.IDENTITY));
        }
        List<String> managedArns = new ArrayList<>();
        props.path("ManagedPolicyArns").forEach(a -> managedArns.add(a.asText()));
        return new IamRoles.Role(
                account,
                name,
                path(props.path("Path").asText(null)),
                PolicyDocument.parse(trustDoc, PolicyDocument.Kind.TRUST),
                Collections.unmodifiableMap(inline),
                List.copyOf(managedArns),
                props.path("PermissionsBoundary").asText(null),
                stackKey);
    }

    private static String path(String path) {
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** The given name, or one as CloudFormation generates it: stack-logicalId-SUFFIX, at most 64 characters. */
    static String nameOf(String given, String stackName, String logicalId) {
        if (given != null && !given.isEmpty()) {
            return given;
        }
        String prefix = stackName + "-" + logicalId;
        String suffix = hash(prefix).substring(0, 12);
        return (prefix.length() > 51 ? prefix.substring(0, 51) : prefix) + "-" + suffix;
    }

    static String roleId(String arn) {
        return "AROA" + hash(arn).substring(0, 17);
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            for (byte b : d) {
                out.append(Character.forDigit((b >> 4) & 0xf, 36)).append(Character.forDigit(b & 0xf, 36));
            }
            return out.toString().toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
