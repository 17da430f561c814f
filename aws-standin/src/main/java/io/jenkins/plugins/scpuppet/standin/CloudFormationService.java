package io.jenkins.plugins.scpuppet.standin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** CloudFormation in awsQuery: stacks are stored (template and parameters) and complete at once; no resources run. */
public final class CloudFormationService implements QueryService {
    private final Map<String, Stack> stacks = new LinkedHashMap<>();

    /** A stack as stored. */
    public record Stack(String id, String name, String status, String template) {}

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
                stacks.put(key, new Stack(id, p.get("StackName"), "CREATE_COMPLETE", p.get("TemplateBody")));
                yield Xml.el("StackId", id);
            }
            case "UpdateStack" -> {
                Stack s = existing(key, p.get("StackName"));
                if (s.template() != null && s.template().equals(p.get("TemplateBody"))) {
                    throw new AwsError("ValidationError", "No updates are to be performed.");
                }
                stacks.put(key, new Stack(s.id(), s.name(), "UPDATE_COMPLETE", p.get("TemplateBody")));
                yield Xml.el("StackId", s.id());
            }
            case "DeleteStack" -> {
                stacks.remove(key);
                yield "";
            }
            case "DescribeStacks" -> {
                Stack s = existing(key, p.get("StackName"));
                yield "<Stacks><member>" + Xml.el("StackId", s.id()) + Xml.el("StackName", s.name())
                        + Xml.el("StackStatus", s.status()) + Xml.el("CreationTime", "2026-01-01T00:00:00Z")
                        + "<Outputs/></member></Stacks>";
            }
            default ->
                throw new AwsError("InvalidAction", "CloudFormation " + action + " is not implemented by the stand-in");
        };
    }

    private Stack existing(String key, String name) {
        Stack s = stacks.get(key);
        if (s == null) {
            throw new AwsError("ValidationError", "Stack with id " + name + " does not exist");
        }
        return s;
    }
}
