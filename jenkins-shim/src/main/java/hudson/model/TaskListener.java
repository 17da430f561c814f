package hudson.model;

import java.io.PrintStream;

/** Shim of core's TaskListener: the build log. */
public interface TaskListener {
    PrintStream getLogger();
}
