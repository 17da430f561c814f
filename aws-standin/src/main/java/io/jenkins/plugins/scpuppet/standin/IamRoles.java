package io.jenkins.plugins.scpuppet.standin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM roles and customer managed policies of every account, as the stacks the stand-in holds (and the test API)
 * define them. Role names are unique per account whatever their path, as in IAM. Thread-safe; what it hands out is
 * immutable.
 */
final class IamRoles {
    /** arn:aws:iam::aws:policy/AdministratorAccess in any partition. */
    private static final String ADMINISTRATOR_ACCESS = ":iam::aws:policy/AdministratorAccess";

    /** A role as IAM holds it; {@code owner} is the stack that defines it, or "api". */
    record Role(
            String account,
            String name,
            String path,
            PolicyDocument trust,
            Map<String, PolicyDocument> inline,
            List<String> managedArns,
            String boundaryArn,
            String owner) {

        String arn() {
            return "arn:aws:iam::" + account + ":role" + path + name;
        }

        String key() {
            return account + "/" + name;
        }
    }

    /** A policy attached to a role from outside its definition (AWS::IAM::Policy, a ManagedPolicy's Roles). */
    record Attachment(String account, String roleName, String source, PolicyDocument inline, String managedArn) {}

    /** What a role may do, resolved: its identity policies and its boundary (null: none). */
    record Permissions(Role role, List<PolicyDocument> identity, PolicyDocument boundary) {}

    private final Map<String, Role> roles = new HashMap<>();
    private final Map<String, PolicyDocument> managed = new HashMap<>();
    private final Map<String, List<Attachment>> attachments = new HashMap<>();
    private final Map<String, StackIam.Contents> stacks = new HashMap<>();

    /** Replaces what a stack defined before (nothing for a new stack) with {@code contents}. */
    synchronized void putStack(String stackKey, StackIam.Contents contents) {
        for (Role r : contents.roles()) {
            Role existing = roles.get(r.key());
            if (existing != null && !existing.owner().equals(stackKey)) {
                throw new AwsError(
                        "ValidationError",
                        r.name() + " already exists in stack " + existing.owner() + " (AWS::IAM::Role)");
            }
        }
        removeStack(stackKey);
        stacks.put(stackKey, contents);
        contents.roles().forEach(r -> roles.put(r.key(), r));
        managed.putAll(contents.managed());
        contents.attachments()
                .forEach(a -> attachments
                        .computeIfAbsent(a.account() + "/" + a.roleName(), k -> new ArrayList<>())
                        .add(a));
    }

    synchronized void removeStack(String stackKey) {
        StackIam.Contents old = stacks.remove(stackKey);
        if (old == null) {
            return;
        }
        old.roles().forEach(r -> roles.remove(r.key()));
        old.managed().keySet().forEach(managed::remove);
        attachments.values().forEach(list -> list.removeIf(a -> a.source().startsWith(stackKey + "#")));
    }

    synchronized List<StackIam.Contents> stacks() {
        return List.copyOf(stacks.values());
    }

    synchronized void putRole(Role role) {
        roles.put(role.key(), role);
    }

    synchronized void putManagedPolicy(String arn, PolicyDocument document) {
        managed.put(arn, document);
    }

    /** The role an ARN names (path included, as IAM resolves it), or null. */
    synchronized Role role(String roleArn) {
        String[] parts = roleArn.split(":", 6);
        if (parts.length < 6 || !parts[5].startsWith("role/")) {
            return null;
        }
        String pathAndName = parts[5].substring("role".length());
        Role r = roles.get(parts[4] + "/" + pathAndName.substring(pathAndName.lastIndexOf('/') + 1));
        return r != null && r.arn().equals("arn:aws:iam::" + parts[4] + ":role" + pathAndName) ? r : null;
    }

    synchronized Role role(String account, String name) {
        return roles.get(account + "/" + name);
    }

    /** The role's policies as they are now, or null if the role is gone. */
    synchronized Permissions permissions(String account, String name) {
        Role r = roles.get(account + "/" + name);
        if (r == null) {
            return null;
        }
        List<PolicyDocument> identity = new ArrayList<>(r.inline().values());
        List<String> arns = new ArrayList<>(r.managedArns());
        for (Attachment a : attachments.getOrDefault(r.key(), List.of())) {
            if (a.inline() != null) {
                identity.add(a.inline());
            } else {
                arns.add(a.managedArn());
            }
        }
        arns.forEach(arn -> {
            PolicyDocument p = managed(arn);
            if (p != null) {
                identity.add(p);
            }
        });
        PolicyDocument boundary = null;
        if (r.boundaryArn() != null) {
            boundary = managed(r.boundaryArn());
            if (boundary == null) {
                boundary = new PolicyDocument(List.of()); // an unknown boundary allows nothing: fail closed
            }
        }
        return new Permissions(r, List.copyOf(identity), boundary);
    }

    /** A managed policy by ARN: AdministratorAccess, or a customer policy the stand-in holds; null if unknown. */
    private PolicyDocument managed(String arn) {
        if (arn.startsWith("arn:") && arn.endsWith(ADMINISTRATOR_ACCESS) && arn.split(":").length == 6) {
            return PolicyDocument.ADMINISTRATOR_ACCESS;
        }
        return managed.get(arn);
    }

    /** Replaces a role's own policies (the test API's way to narrow or change what a role may do). */
    synchronized void setPolicies(String account, String name, Map<String, PolicyDocument> inline, List<String> arns) {
        Role r = roles.get(account + "/" + name);
        if (r == null) {
            throw new IllegalArgumentException("no role " + name + " in " + account);
        }
        roles.put(
                r.key(),
                new Role(
                        r.account(),
                        r.name(),
                        r.path(),
                        r.trust(),
                        new LinkedHashMap<>(inline),
                        List.copyOf(arns),
                        r.boundaryArn(),
                        r.owner()));
    }
}
