package io.jenkins.plugins.scpuppet.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a least-privilege PuppetRole cannot do, found before anything runs (validate, plan and deploy). Service Catalog
 * provisions, updates and terminates a product that has no launch-role constraint with the caller's own permissions,
 * and a least-privilege PuppetRole has none for the product's resources. The offline commands cannot see the hub's
 * portfolios, so a launch counts as constrained when {@code spoke-local-portfolios} has an entry for the same
 * portfolio whose {@code constraints.launch} covers the launch's product (by name, or by the {@code products} regular
 * expression, matched as AwsPuppetOperations.launchConstraints matches it): the launch is provisioned through the
 * launch path named after its portfolio, which in the spoke is that local portfolio.
 */
public final class LeastPrivilegeCheck {
    private LeastPrivilegeCheck() {}

    /** Every launch the least-privilege PuppetRole could not provision, at its place in the manifest. */
    public static List<Problem> problems(Manifest manifest) {
        List<Problem> out = new ArrayList<>();
        for (Launch launch : manifest.launches().values()) {
            String path = "launches." + launch.name();
            if (launch.execution() == Launch.Execution.SPOKE) {
                out.add(new Problem(
                        launch.mark(),
                        path,
                        "execution: spoke is not available in least-privilege mode: the spoke's deploy-in-spoke build"
                                + " runs upstream's servicecatalog-puppet as the PuppetRole, and the least-privilege"
                                + " policy lists only the calls this tool makes; use execution: hub or async, or the"
                                + " default administrator mode (puppet_role_permissions: administrator)",
                        Problem.Severity.ERROR));
            } else if (!constrained(manifest, launch)) {
                out.add(new Problem(
                        launch.mark(),
                        path,
                        "portfolio '" + launch.portfolio() + "' has no launch-role constraint for product '"
                                + launch.product() + "': without one, Service Catalog "
                                + (launch.status() == Launch.Status.TERMINATED ? "terminates" : "provisions")
                                + " the product with the PuppetRole's own permissions, and a least-privilege"
                                + " PuppetRole cannot create or delete the product's resources itself; add a"
                                + " launch-role constraint (constraints.launch of a spoke-local-portfolios entry with"
                                + " portfolio: " + launch.portfolio() + ") or use the default administrator mode"
                                + " (puppet_role_permissions: administrator)",
                        Problem.Severity.ERROR));
            }
        }
        return out;
    }

    /** Throws with every problem, in manifest order, when there is any. */
    public static void require(Manifest manifest) throws ManifestException {
        List<Problem> problems = problems(manifest);
        if (!problems.isEmpty()) {
            throw new ManifestException(problems);
        }
    }

    private static boolean constrained(Manifest manifest, Launch launch) {
        for (SpokeLocalPortfolio local : manifest.spokeLocalPortfolios().values()) {
            if (local.status() == SpokeLocalPortfolio.Status.TERMINATED
                    || !local.portfolio().equals(launch.portfolio())) {
                continue;
            }
            for (SpokeLocalPortfolio.LaunchConstraint c : local.launchConstraints()) {
                if (launch.product().equals(c.product())
                        || (c.products() != null
                                && Pattern.compile(c.products())
                                        .matcher(launch.product())
                                        .matches())) {
                    return true;
                }
            }
        }
        return false;
    }
}
