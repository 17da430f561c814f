package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;

/** Targets of a launch, spoke-local portfolio (deploy_to / share_with) or lambda invocation (invoke_for). */
public record DeployTo(List<TagTarget> tags, List<AccountTarget> accounts, Mark mark) {

    public record TagTarget(String tag, RegionSelector regions, String path, Mark mark) {}

    public record AccountTarget(String accountId, RegionSelector regions, String path, Mark mark) {}

    public static DeployTo none(Mark mark) {
        return new DeployTo(List.of(), List.of(), mark);
    }
}
