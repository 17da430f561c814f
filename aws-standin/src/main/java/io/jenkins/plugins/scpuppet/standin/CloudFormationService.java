package io.jenkins.plugins.scpuppet.standin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CloudFormation in awsQuery: stacks are stored (template and parameters); no resources run. A create, update or
 * delete shows as *_IN_PROGRESS for the latency model's stack time, read off its clock, then settles.
 */
public final class CloudFormationService implements QueryService {
    private final Map<String, Stack> stacks = new LinkedHashMap<>();
    private final Map<String, Long> settlesAt = new HashMap<>();
    private LatencyModel model = LatencyModel.OFF;
    private volatile StackListener listener = StackListener.NONE;
    private final StackEvents events = new StackEvents();
    private volatile Buckets buckets = Buckets.NONE;

    /**
     * The S3 buckets stacks make, kept outside the stand-in (the sandbox's S3). A stack deletion deletes its
     * template's buckets, and fails as AWS does while one still holds any object version.
     */
    public interface Buckets {
        Buckets NONE = new Buckets() {};

        /** True when the bucket holds no object version and no delete marker (or does not exist). */
        default boolean isEmpty(String name) {
            return true;
        }

        default void delete(String name) {}
    }

    public void buckets(Buckets value) {
        this.buckets = value;
    }

    /** Told of each template a stack gets or loses, before the stack changes: it may refuse the template. */
    interface StackListener {
        StackListener NONE = new StackListener() {};

        default void templateSet(
                Caller c,
                String name,
                String id,
                String template,
                Map<String, String> parameters,
                List<String> capabilities) {}

        default void deleted(Caller c, String name) {}
    }

    public synchronized void latencyModel(LatencyModel value) {
        model = value;
    }

    /** The stack's status now: its settled one once its operation's time is up, else the *_IN_PROGRESS one. */
    private String statusNow(String key, Stack s) {
        Long at = settlesAt.get(key);
        if (at == null || model.reached(at)) {
            return s.status();
        }
        return s.status().replace("_COMPLETE", "_IN_PROGRESS");
    }

    /** The stack under a key; a deletion whose time is up removes it. */
    private Stack lookup(String key) {
        Stack s = stacks.get(key);
        if (s != null
                && s.status().equals("DELETE_COMPLETE")
                && statusNow(key, s).equals("DELETE_COMPLETE")) {
            stacks.remove(key);
            settlesAt.remove(key);
            events.forget(key);
            return null;
        }
        return s;
    }

    private void settling(String key) {
        if (model.stackMillis() > 0) {
            settlesAt.put(key, model.after(model.stackMillis()));
        } else {
            settlesAt.remove(key);
        }
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
                if (lookup(key) != null) {
                    throw new AwsError("AlreadyExistsException", "Stack [" + p.get("StackName") + "] already exists");
                }
                String id = "arn:aws:cloudformation:" + c.region() + ":" + c.accountId() + ":stack/"
                        + p.get("StackName") + "/" + UUID.randomUUID();
                listener.templateSet(
                        c, p.get("StackName"), id, p.get("TemplateBody"), parameters(p), members(p, "Capabilities"));
                Stack created = new Stack(id, p.get("StackName"), "CREATE_COMPLETE", p.get("TemplateBody"));
                stacks.put(key, created);
                events.stack(key, created, "CREATE_COMPLETE", null);
                settling(key);
                yield Xml.el("StackId", id);
            }
            case "UpdateStack" -> {
                Stack s = existing(key, p.get("StackName"));
                String now = statusNow(key, s);
                if (now.endsWith("_IN_PROGRESS") || now.equals("DELETE_FAILED")) {
                    throw new AwsError(
                            "ValidationError", "Stack:" + s.id() + " is in " + now + " state and can not be updated.");
                }
                if (s.template() != null && s.template().equals(p.get("TemplateBody"))) {
                    throw new AwsError("ValidationError", "No updates are to be performed.");
                }
                listener.templateSet(
                        c, s.name(), s.id(), p.get("TemplateBody"), parameters(p), members(p, "Capabilities"));
                Stack updated = new Stack(s.id(), s.name(), "UPDATE_COMPLETE", p.get("TemplateBody"));
                stacks.put(key, updated);
                events.stack(key, updated, "UPDATE_COMPLETE", null);
                settling(key);
                yield Xml.el("StackId", s.id());
            }
            case "DeleteStack" -> {
                Stack s = lookup(key);
                if (s != null && !s.status().equals("DELETE_COMPLETE")) {
                    if (!events.deleteBuckets(key, s, buckets)) {
                        stacks.put(
                                key,
                                new Stack(
                                        s.id(), s.name(), "DELETE_FAILED", s.template(), s.parameters(), s.outputs()));
                        settlesAt.remove(key);
                        yield "";
                    }
                    listener.deleted(c, p.get("StackName"));
                    events.stack(key, s, "DELETE_COMPLETE", null);
                    if (model.stackMillis() > 0) {
                        stacks.put(key, new Stack(s.id(), s.name(), "DELETE_COMPLETE", s.template()));
                        settling(key);
                    } else {
                        stacks.remove(key);
                        events.forget(key);
                    }
                }
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
                        + Xml.el("StackStatus", statusNow(key, s))
                        + (events.reason(key) == null ? "" : Xml.el("StackStatusReason", events.reason(key)))
                        + Xml.el("CreationTime", "2026-01-01T00:00:00Z")
                        + parameters + "</Parameters>" + outputs + "</Outputs></member></Stacks>";
            }
            case "DescribeStackEvents" -> {
                existing(key, p.get("StackName"));
                yield events.describe(key);
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
    private static List<String> members(Map<String, String> p, String name) {
        List<String> out = new ArrayList<>();
        for (int i = 1; p.containsKey(name + ".member." + i); i++) {
            out.add(p.get(name + ".member." + i));
        }
        return out;
    }

    private Stack existing(String key, String name) {
        Stack s = lookup(key);
        if (s == null) {
            throw new AwsError("ValidationError", "Stack with id " + name + " does not exist");
        }
        return s;
    }
}
