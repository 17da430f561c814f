package io.jenkins.plugins.scpuppet.aws;

import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Takes the key's call slot from the pacer in force before each attempt. The first attempt's slot is taken before the
 * call is built, where a long wait may still give the worker back ({@link CallPacer#acquireFirst}); a retry's slot is
 * taken before it is sent, sleeping.
 */
final class PacingInterceptor implements ExecutionInterceptor {
    private static final ExecutionAttribute<Boolean> FIRST_SLOT_TAKEN = new ExecutionAttribute<>("PacedFirstAttempt");

    private final AtomicReference<CallPacer> pacer;
    private final String key;

    PacingInterceptor(AtomicReference<CallPacer> pacer, String key) {
        this.pacer = pacer;
        this.key = key;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        try {
            pacer.get().acquireFirst(key);
        } catch (InterruptedException e) {
            throw interrupted();
        }
        attributes.putAttribute(FIRST_SLOT_TAKEN, Boolean.TRUE);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(FIRST_SLOT_TAKEN))) {
            attributes.putAttribute(FIRST_SLOT_TAKEN, Boolean.FALSE);
            return;
        }
        try {
            pacer.get().acquire(key);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private AbortedException interrupted() {
        Thread.currentThread().interrupt();
        return AbortedException.create("interrupted while pacing " + key);
    }
}
