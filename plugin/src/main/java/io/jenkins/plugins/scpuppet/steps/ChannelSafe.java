package io.jenkins.plugins.scpuppet.steps;

import hudson.AbortException;
import io.jenkins.plugins.scpuppet.config.ConfigException;
import io.jenkins.plugins.scpuppet.manifest.ManifestException;
import io.jenkins.plugins.scpuppet.mirror.CacheRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import software.amazon.awssdk.core.exception.AbortedException;

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
     * Bad input (manifest, config, a path, a missing profile), a cache restore refused as unauthenticated and AWS
     * errors fail the build with their message only, as an AbortException; an interrupt stays an InterruptedException;
     * other I/O failures and errors become IOExceptions that keep their stack trace (StackTraceElement is a JDK class
     * Jenkins permits) and name their cause in the text.
     */
    static Exception convert(Throwable t, BuildLog log) {
        String message = log.masked(String.valueOf(t.getMessage()));
        if (t instanceof AbortException
                || t instanceof ManifestException
                || t instanceof ConfigException
                || t instanceof CacheRefusedException) { // a refused restore: its message says what to do
            return new AbortException(message);
        }
        if (t instanceof InterruptedException
                || t instanceof AbortedException
                || t instanceof ClosedByInterruptException) {
            return new InterruptedException(message); // the SDK and NIO report an interrupted thread their own way
        }
        if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof Error) {
            Throwable cause = t.getCause();
            String because = cause == null || cause == t
                    ? ""
                    : " (" + cause.getClass().getSimpleName() + ": " + log.masked(String.valueOf(cause.getMessage()))
                            + ")";
            IOException out = new IOException(t.getClass().getSimpleName() + ": " + message + because);
            out.setStackTrace(t.getStackTrace());
            return out;
        }
        return new AbortException(t.getClass().getSimpleName() + ": " + message);
    }
}
