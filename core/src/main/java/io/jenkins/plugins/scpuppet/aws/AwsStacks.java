package io.jenkins.plugins.scpuppet.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.TaskException;

/** CloudFormation create-or-update and delete, as the caller or as the PuppetRole of an account (bootstrap). */
public final class AwsStacks {
    private final StackOperations stacks;
    private final String account;

    private AwsStacks(AwsClients clients, String account) {
        this.stacks = new StackOperations(
                clients,
                new Poller(clients.settings().pollInterval(), clients.settings().pollTimeout()));
        this.account = account;
    }

    /** With the caller's own credentials (bootstrap runs before any PuppetRole exists). */
    public static AwsStacks asCaller(AwsClients clients) {
        return new AwsStacks(clients, null);
    }

    /** Through the account's role, as configured in the settings. */
    public static AwsStacks inAccount(AwsClients clients, String account) {
        return new AwsStacks(clients, account);
    }

    /** Returns {stack_name, stack_id, status, action: created|updated|unchanged}. */
    public ObjectNode createOrUpdate(String region, String name, ObjectNode template)
            throws TaskException, InterruptedException {
        try {
            return stacks.createOrUpdate(account, region, name, template); // this poller sleeps: nothing awaits
        } catch (TaskException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes the stack and waits until it is gone. Returns {stack_name, deleted: true|false (there was none)}; a
     * DELETE_FAILED stack throws, naming the resources that failed and why (from its events).
     */
    public ObjectNode delete(String region, String name) throws TaskException, InterruptedException {
        try {
            return stacks.delete(account, region, name);
        } catch (TaskException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
