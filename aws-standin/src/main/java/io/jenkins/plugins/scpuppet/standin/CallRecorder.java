package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The record of IAM decisions an independent judge re-evaluates: every call made with role-session credentials and
 * every AssumeRole, and the template body of every stack. Memory stays bounded by the number of distinct decisions:
 * a call is kept once per (principal, action, resource, kind, decision), with the context of its first occurrence.
 */
final class CallRecorder {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<IamDecision> calls = new ConcurrentLinkedQueue<>();
    private final Map<String, String> templates = new ConcurrentHashMap<>();

    void record(IamDecision c) {
        if (seen.add(c.principalArn()
                + '\n'
                + c.action()
                + '\n'
                + c.resource()
                + '\n'
                + c.kind()
                + '\n'
                + c.standInDecision())) {
            calls.add(c);
        }
    }

    List<IamDecision> calls() {
        return List.copyOf(calls);
    }

    void stack(String account, String region, String name, String body) {
        String key = account + "/" + region + "/" + name;
        if (body == null) {
            templates.remove(key);
        } else {
            templates.put(key, body);
        }
    }

    /** Writes calls.jsonl and stacks/ACCOUNT/REGION/NAME.json into {@code dir} (created if missing). */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = Files.newBufferedWriter(dir.resolve("calls.jsonl"), StandardCharsets.UTF_8)) {
            for (IamDecision c : new ArrayList<>(calls)) {
                ObjectNode line = AwsStandIn.JSON
                        .createObjectNode()
                        .put("principalArn", c.principalArn())
                        .put("action", c.action())
                        .put("resource", c.resource())
                        .put("account", c.account())
                        .put("region", c.region())
                        .put("kind", c.kind());
                ObjectNode context = line.putObject("context");
                c.context().forEach(context::put);
                line.put("standInDecision", c.standInDecision());
                w.write(AwsStandIn.JSON.writeValueAsString(line));
                w.write('\n');
            }
        }
        for (Map.Entry<String, String> t : templates.entrySet()) {
            Path file = dir.resolve("stacks").resolve(t.getKey() + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, t.getValue());
        }
    }
}
