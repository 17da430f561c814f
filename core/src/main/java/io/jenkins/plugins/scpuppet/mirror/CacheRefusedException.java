package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;

/**
 * A restore refused because the bucket's contents are not authenticated: nothing was trusted and nothing written. The
 * message names the bucket, what is wrong and what to do (the CLI exits 6 with it, the Jenkins step fails the build).
 */
public final class CacheRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    public CacheRefusedException(String message) {
        super(message);
    }
}
