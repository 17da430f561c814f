package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.engine.CurrentTask;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts SDK calls per operation, overall and per task (the engine's current task on the calling thread). */
final class CallCounts implements ExecutionInterceptor {
    private final Map<String, AtomicLong> perOperation = new ConcurrentHashMap<>();
    private final Map<TaskKey, Map<String, AtomicLong>> perTask = new ConcurrentHashMap<>();

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
