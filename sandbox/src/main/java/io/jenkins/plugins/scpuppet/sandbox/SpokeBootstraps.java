package io.jenkins.plugins.scpuppet.sandbox;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.bootstrap.Bootstrap;
import io.jenkins.plugins.scpuppet.bootstrap.SpokeOptions;
import io.jenkins.plugins.scpuppet.manifest.ExpandedAccount;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.Launch;
import io.jenkins.plugins.scpuppet.manifest.Target;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * bootstrap-spoke in the hub and in every account a manifest reaches, run as upstream's users run it: in each account,
 * with that account's own credentials, through the product's own {@link Bootstrap}. The roles the stand-in then
 * enforces are exactly the ones bootstrap generates. Accounts with an execution: spoke launch also get the
 * deploy-in-spoke project and role.
 */
final class SpokeBootstraps {
    private final String hub;
    private final String homeRegion;
    private final Function<String, AwsSettings> callerSettings;
    /** Account to whether its stack has deploy-in-spoke, for accounts bootstrapped already (a shared sandbox). */
    private final Map<String, Boolean> done = new HashMap<>();

    /** @param callerSettings the settings of an account's own caller (its static sandbox key) */
    SpokeBootstraps(String hub, String homeRegion, Function<String, AwsSettings> callerSettings) {
        this.hub = hub;
        this.homeRegion = homeRegion;
        this.callerSettings = callerSettings;
    }

    /** Bootstraps what is not yet bootstrapped (or lacks deploy-in-spoke and now needs it). */
    synchronized void bootstrap(ExpandedManifest e) throws Exception {
        for (Map.Entry<String, Boolean> account : accounts(e).entrySet()) {
            Boolean before = done.get(account.getKey());
            if (before != null && (before || !account.getValue())) {
                continue;
            }
            try (AwsClients clients = new AwsClients(callerSettings.apply(account.getKey()))) {
                new Bootstrap(clients)
                        .spoke(hub, homeRegion, new SpokeOptions(false, null, List.of(), account.getValue()));
            }
            done.put(account.getKey(), account.getValue());
        }
    }

    /** Every account the manifest names or targets, and the hub; true where an execution: spoke launch runs. */
    private Map<String, Boolean> accounts(ExpandedManifest e) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        out.put(hub, false);
        e.accounts().stream().map(ExpandedAccount::accountId).forEach(a -> out.putIfAbsent(a, false));
        for (Launch l : e.manifest().launches().values()) {
            for (Target t : e.launchTargets().getOrDefault(l.name(), List.of())) {
                out.merge(t.accountId(), l.execution() == Launch.Execution.SPOKE, Boolean::logicalOr);
            }
        }
        e.spokeLocalPortfolioTargets().values().forEach(ts -> ts.forEach(t -> out.putIfAbsent(t.accountId(), false)));
        e.lambdaTargets().values().forEach(ts -> ts.forEach(t -> out.putIfAbsent(t.accountId(), false)));
        e.manifest().actions().values().forEach(a -> out.putIfAbsent(a.accountId(), false));
        return out;
    }

    static AwsSettings callerSettings(AwsSettings base, String accessKeyPrefix, String account) {
        return base.withEndpoint(
                base.endpoint(),
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyPrefix + account, StandInSeeder.SECRET_KEY)));
    }
}
