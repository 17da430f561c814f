package io.jenkins.plugins.scpuppet.bench;

/** Process CPU time, so a benchmark can say which side of a loopback conversation the cores went to. */
final class CpuTime {
    private CpuTime() {}

    static double of(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    static double self() {
        return of(ProcessHandle.current());
    }
}
