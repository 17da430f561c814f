package io.jenkins.plugins.scpuppet.standin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Lambda invoke (restJson1): registered functions answer; every invocation is recorded. */
public final class LambdaService {
    private final Set<String> functions = new LinkedHashSet<>();
    private final List<String> invocations = new ArrayList<>();

    /** What an invocation answers. */
    record Result(int status, String payload, String functionError) {}

    public synchronized void register(String account, String region, String function) {
        functions.add(account + "/" + region + "/" + function);
    }

    /** "account region function payload" per invocation, in order. */
    public synchronized List<String> invocations() {
        return List.copyOf(invocations);
    }

    synchronized Result invoke(Caller c, String function, String type, String payload) {
        if (!functions.contains(c.accountId() + "/" + c.region() + "/" + function)) {
            throw new AwsError(
                    "ResourceNotFoundException",
                    "Function not found: arn:aws:lambda:" + c.region() + ":" + c.accountId() + ":function:" + function,
                    404);
        }
        invocations.add(c.accountId() + " " + c.region() + " " + function + " " + payload);
        return switch (type) {
            case "Event" -> new Result(202, "", null);
            case "DryRun" -> new Result(204, "", null);
            default -> new Result(200, "{\"ok\":true}", null);
        };
    }
}
