package io.jenkins.plugins.scpuppet.bootstrap;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.servicecatalog.model.AccessLevelFilterKey;
import software.amazon.awssdk.services.servicecatalog.model.ProvisionedProductAttribute;

/**
 * The provisioned products of the caller's account that were launched through the PuppetRole: Service Catalog keeps
 * who launched each (UserArn, UserArnSession), and terminating or updating them later needs that role. Removing the
 * role from under them would strand them, so release-spoke and uninstall refuse while there are any.
 */
public final class DependentProducts {
    private DependentProducts() {}

    /** "NAME (ID) in REGION, launched by ARN" for each such product, over the regions. */
    public static List<String> launchedThrough(AwsClients clients, String roleName, List<String> regions) {
        List<String> out = new ArrayList<>();
        for (String region : regions) {
            var pages = clients.serviceCatalog(null, region)
                    .searchProvisionedProductsPaginator(r -> r.accessLevelFilter(
                            f -> f.key(AccessLevelFilterKey.ACCOUNT).value("self")));
            for (ProvisionedProductAttribute p : (Iterable<ProvisionedProductAttribute>)
                    pages.stream().flatMap(page -> page.provisionedProducts().stream())::iterator) {
                if (launchedBy(p, roleName)) {
                    out.add(p.name() + " (" + p.id() + ") in " + region + ", launched by "
                            + (p.userArnSession() != null ? p.userArnSession() : p.userArn()));
                }
            }
        }
        return out;
    }

    /**
     * Whether the product's launcher was the role: UserArn is the role's ARN (the path may be left out) or
     * UserArnSession is a session of it ({@code arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION}).
     */
    static boolean launchedBy(ProvisionedProductAttribute p, String roleName) {
        String user = p.userArn() == null ? "" : p.userArn();
        String session = p.userArnSession() == null ? "" : p.userArnSession();
        return (user.contains(":role/") && user.endsWith("/" + roleName))
                || session.contains(":assumed-role/" + roleName + "/");
    }
}
