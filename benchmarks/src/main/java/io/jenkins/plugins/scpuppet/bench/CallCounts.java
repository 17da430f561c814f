package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.engine.CurrentTask;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts SDK calls per operation, overall and per task (the engine's current task on the calling thread), and keeps
 * each task's calls in order with the (account, region, service) key each went to, for {@link PacedBound}.
 */
final class CallCounts implements ExecutionInterceptor {
    /** One call a task made: its rate-limit key ("account/region/service") and operation. */
    record Call(String key, String operation) {}

    private final Map<String, AtomicLong> perOperation = new ConcurrentHashMap<>();
    private final Map<TaskKey, Map<String, AtomicLong>> perTask = new ConcurrentHashMap<>();
    private final Map<TaskKey, List<Call>> sequences = new ConcurrentHashMap<>();

    /**
     * The call's key, from its signed request: the credential scope names region and service, and the sandbox's
     * access keys end in the account id (as the stand-in reads them).
     */
    @Override
    public void afterExecution(Context.AfterExecution c, ExecutionAttributes a) {
        record(c.httpRequest(), a);
    }

    /** A call that failed (a stack that does not exist, say) took its round trip too. */
    @Override
    public void onExecutionFailure(Context.FailedExecution c, ExecutionAttributes a) {
        c.httpRequest().ifPresent(r -> record(r, a));
    }

    private void record(software.amazon.awssdk.http.SdkHttpRequest request, ExecutionAttributes a) {
        TaskKey task = CurrentTask.get();
        String auth = request.firstMatchingHeader("Authorization").orElse(null);
        if (task == null || auth == null || !auth.contains("Credential=")) {
            return;
        }
        // Credential=<key id>/<date>/<region>/<service>/aws4_request, read without a regex: this runs on the
        // workers for every call and counts as the client's CPU.
        int start = auth.indexOf("Credential=") + "Credential=".length();
        int date = auth.indexOf('/', start);
        int region = auth.indexOf('/', date + 1);
        int service = auth.indexOf('/', region + 1);
        int end = auth.indexOf('/', service + 1);
        if (date < 0 || region < 0 || service < 0 || end < 0) {
            return;
        }
        String keyId = auth.substring(start, date);
        String account = keyId.length() >= 12 ? keyId.substring(keyId.length() - 12) : "?";
        String op = a.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        sequences
                .computeIfAbsent(task, k -> Collections.synchronizedList(new ArrayList<>()))
                .add(new Call(
                        account + "/" + auth.substring(region + 1, service) + "/" + auth.substring(service + 1, end),
                        op));
    }

    /** The task's calls in the order they ended. */
    List<Call> sequence(TaskKey task) {
        return sequences.getOrDefault(task, List.of());
    }

    @Override
    public void beforeExecution(Context.BeforeExecution c, ExecutionAttributes a) {
        String op = a.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        perOperation.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
        TaskKey task = CurrentTask.get();
        if (task != null) {
            perTask.computeIfAbsent(task, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(op, k -> new AtomicLong())
                    .incrementAndGet();
        }
    }

    long total() {
        return perOperation.values().stream().mapToLong(AtomicLong::get).sum();
    }

    Map<String, Long> perOperation() {
        Map<String, Long> out = new TreeMap<>();
        perOperation.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    long calls(TaskKey task, String op) {
        AtomicLong n = perTask.getOrDefault(task, Map.of()).get(op);
        return n == null ? 0 : n.get();
    }

    long calls(TaskKey task) {
        return perTask.getOrDefault(task, Map.of()).values().stream()
                .mapToLong(AtomicLong::get)
                .sum();
    }
}
