package io.jenkins.plugins.scpuppet.steps;

import hudson.AbortException;
import io.jenkins.plugins.scpuppet.config.ConfigException;
import io.jenkins.plugins.scpuppet.manifest.ManifestException;
import java.io.IOException;

/**
 * The callables' boundary with the controller (JEP-200). Jenkins' class filter refuses classes from a plugin's bundled
 * jars (the AWS SDK's, this project's core) when they travel back, causes and details inside exceptions included. So
 * nothing thrown leaves the agent except an AbortException, IOException or InterruptedException made here from a
 * message, with no cause, the credentials in the message masked.
 */
final class ChannelSafe {
    private ChannelSafe() {}

    /** Agent work that may fail with anything. */
    @FunctionalInterface
    interface AgentAction<T> {
        T run() throws Exception;
    }

    /** Runs agent work; whatever it throws is converted (see the class comment). */
    static <T> T call(BuildLog log, AgentAction<T> action) throws IOException, InterruptedException {
        try {
            return action.run();
        } catch (Throwable t) { // every failure, errors included, is converted before it crosses the channel
            Exception safe = convert(t, log);
            if (safe instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw (IOException) safe;
        }
    }

    /**
     * Bad input (manifest, config, a path, a missing profile) and AWS errors fail the build with their message only, as
     * an AbortException; an interrupt stays an InterruptedException; other I/O failures stay IOExceptions, keeping
     * their stack trace (StackTraceElement is a JDK class Jenkins permits) but not their cause.
     */
    static Exception convert(Throwable t, BuildLog log) {
        String message = log.masked(String.valueOf(t.getMessage()));
        Exception out;
        if (t instanceof AbortException || t instanceof ManifestException || t instanceof ConfigException) {
            out = new AbortException(message);
        } else if (t instanceof InterruptedException) {
            out = new InterruptedException(message);
        } else if (t instanceof IOException || t instanceof Error) {
            out = new IOException(t.getClass().getSimpleName() + ": " + message);
            out.setStackTrace(t.getStackTrace());
        } else {
            out = new AbortException(t.getClass().getSimpleName() + ": " + message);
        }
        return out;
    }
}
