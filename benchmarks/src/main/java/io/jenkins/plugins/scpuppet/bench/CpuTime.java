package io.jenkins.plugins.scpuppet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A process's CPU time split into user and system (kernel) seconds, so a benchmark can say which side of a loopback
 * conversation the cores went to, and how much of it was the file system. Linux only (reads /proc); NaN elsewhere.
 */
record CpuTime(double user, double system) {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

    static CpuTime of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (in parentheses, may hold spaces): utime is the 12th, stime the 13th.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new CpuTime(Long.parseLong(f[11]) / TICKS_PER_SECOND, Long.parseLong(f[12]) / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException notLinux) {
            return new CpuTime(Double.NaN, Double.NaN);
        }
    }

    static CpuTime self() {
        return of(ProcessHandle.current().pid());
    }

    CpuTime minus(CpuTime earlier) {
        return new CpuTime(user - earlier.user, system - earlier.system);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f (%.1f sys)", user + system, system);
    }
}
