package io.jenkins.plugins.scpuppet.standin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** CloudFormation in awsQuery: stacks are stored (template and parameters) and complete at once; no resources run. */
public final class CloudFormationService implements QueryService {
    private final Map<String, Stack> stacks = new LinkedHashMap<>();
    private volatile StackListener listener = StackListener.NONE;

    /** Told of each template a stack gets or loses, before the stack changes: it may refuse the template. */
    interface StackListener {
        StackListener NONE = new StackListener() {};

        default void templateSet(
                Caller c,
                String name,
                String id,
                String template,
                Map<String, String> parameters,
                java.util.List<String> capabilities) {}

        default void deleted(Caller c, String name) {}
    }

    void listen(StackListener value) {
        this.listener = value;
    }

    /** The id (ARN) of a stack, or null if there is none of that name. */
    synchronized String stackId(String account, String region, String name) {
        Stack s = stacks.get(account + "/" + region + "/" + name);
        return s == null ? null : s.id();
    }

    /** A stack as stored; parameters and outputs only for the stacks Service Catalog provisions. */
    public record Stack(
            String id,
            String name,
            String status,
            String template,
            Map<String, String> parameters,
            Map<String, String> outputs) {
        Stack(String id, String name, String status, String template) {
            this(id, name, status, template, Map.of(), Map.of());
        }
    }

    /**
     * What Service Catalog does behind a provisioned product: stack {@code SC-<account>-<provisioned product id>}
     * with the product's parameters and outputs (null parameters remove it, as a terminate does).
     */
    public synchronized void provisionedStack(
            String account, String region, String ppId, Map<String, String> parameters, Map<String, String> outputs) {
        String name = "SC-" + account + "-" + ppId;
        String key = account + "/" + region + "/" + name;
        if (parameters == null) {
            stacks.remove(key);
            return;
        }
        String id = stacks.containsKey(key)
                ? stacks.get(key).id()
                : "arn:aws:cloudformation:" + region + ":" + account + ":stack/" + name + "/" + UUID.randomUUID();
        stacks.put(key, new Stack(id, name, "UPDATE_COMPLETE", null, Map.copyOf(parameters), Map.copyOf(outputs)));
    }

    @Override
    public String signingName() {
        return "cloudformation";
    }

    @Override
    public String xmlNamespace() {
        return "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    }

    public synchronized Map<String, Stack> stacks(String account, String region) {
        Map<String, Stack> out = new LinkedHashMap<>();
        stacks.forEach((k, v) -> {
            if (k.startsWith(account + "/" + region + "/")) {
                out.put(v.name(), v);
            }
        });
        return out;
    }

    @Override
    public synchronized String handle(Caller c, String action, Map<String, String> p) {
        String key = c.accountId() + "/" + c.region() + "/" + p.getOrDefault("StackName", "");
        return switch (action) {
            case "CreateStack" -> {
                if (stacks.containsKey(key)) {
                    throw new AwsError("AlreadyExistsException", "Stack [" + p.get("StackName") + "] already exists");
                }
                String id = "arn:aws:cloudformation:" + c.region() + ":" + c.accountId() + ":stack/"
                        + p.get("StackName") + "/" + UUID.randomUUID();
                listener.templateSet(
                        c, p.get("StackName"), id, p.get("TemplateBody"), parameters(p), members(p, "Capabilities"));
                stacks.put(key, new Stack(id, p.get("StackName"), "CREATE_COMPLETE", p.get("TemplateBody")));
                yield Xml.el("StackId", id);
            }
            case "UpdateStack" -> {
                Stack s = existing(key, p.get("StackName"));
                if (s.template() != null && s.template().equals(p.get("TemplateBody"))) {
                    throw new AwsError("ValidationError", "No updates are to be performed.");
                }
                listener.templateSet(
                        c, s.name(), s.id(), p.get("TemplateBody"), parameters(p), members(p, "Capabilities"));
                stacks.put(key, new Stack(s.id(), s.name(), "UPDATE_COMPLETE", p.get("TemplateBody")));
                yield Xml.el("StackId", s.id());
            }
            case "DeleteStack" -> {
                if (stacks.containsKey(key)) {
                    listener.deleted(c, p.get("StackName"));
                }
                stacks.remove(key);
                yield "";
            }
            case "DescribeStacks" -> {
                Stack s = existing(key, p.get("StackName"));
                StringBuilder parameters = new StringBuilder("<Parameters>");
                s.parameters()
                        .forEach((k, v) -> parameters
                                .append("<member>")
                                .append(Xml.el("ParameterKey", k))
                                .append(Xml.el("ParameterValue", v))
                                .append("</member>"));
                StringBuilder outputs = new StringBuilder("<Outputs>");
                s.outputs()
                        .forEach((k, v) -> outputs.append("<member>")
                                .append(Xml.el("OutputKey", k))
                                .append(Xml.el("OutputValue", v))
                                .append("</member>"));
                yield "<Stacks><member>" + Xml.el("StackId", s.id()) + Xml.el("StackName", s.name())
                        + Xml.el("StackStatus", s.status()) + Xml.el("CreationTime", "2026-01-01T00:00:00Z")
                        + parameters + "</Parameters>" + outputs + "</Outputs></member></Stacks>";
            }
            default ->
                throw new AwsError("InvalidAction", "CloudFormation " + action + " is not implemented by the stand-in");
        };
    }

    /** Parameters.member.N.ParameterKey / ParameterValue, as awsQuery sends them. */
    private static Map<String, String> parameters(Map<String, String> p) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; p.containsKey("Parameters.member." + i + ".ParameterKey"); i++) {
            out.put(
                    p.get("Parameters.member." + i + ".ParameterKey"),
                    p.getOrDefault("Parameters.member." + i + ".ParameterValue", ""));
        }
        return out;
    }

    /** A list parameter: NAME.member.1, NAME.member.2, ... */
    private static java.util.List<String> members(Map<String, String> p, String name) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 1; p.containsKey(name + ".member." + i); i++) {
            out.add(p.get(name + ".member." + i));
        }
        return out;
    }

    private Stack existing(String key, String name) {
        Stack s = stacks.get(key);
        if (s == null) {
            throw new AwsError("ValidationError", "Stack with id " + name + " does not exist");
        }
        return s;
    }
}
