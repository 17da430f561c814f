package io.jenkins.plugins.scpuppet.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which launches a least-privilege PuppetRole could not provision, found from the manifest alone. */
class LeastPrivilegeCheckTest {
    @TempDir
    Path tmp;

    private Manifest manifest(String launches, String localPortfolios) throws Exception {
        Path file = tmp.resolve("manifest.yaml");
        Files.writeString(file, """
                schema: puppet-2019-04-01
                accounts:
                  - account_id: "222222222222"
                    name: spoke
                    default_region: eu-west-1
                    regions_enabled: [eu-west-1]
                    tags: [type:spoke]
                launches:
                """ + launches + "spoke-local-portfolios:\n" + localPortfolios);
        return new ManifestLoader().load(file, Samples.PUPPET);
    }

    private static String launch(String name, String product, String extra) {
        return "  " + name + ":\n    portfolio: networking\n    product: " + product + "\n    version: v1\n" + extra
                + "    deploy_to:\n      tags: [{tag: type:spoke, regions: default_region}]\n";
    }

    private static String local(String status, String constraint) {
        return "  networking-local:\n    portfolio: networking\n" + status
                + "    constraints:\n      launch:\n        - "
                + constraint + "\n          roles: [\"arn:aws:iam::${AWS::AccountId}:role/SCLaunchRole\"]\n"
                + "    deploy_to:\n      tags: [{tag: type:spoke, regions: default_region}]\n";
    }

    @Test
    void shouldCountALaunchAsConstrainedByProductNameOrByAWholeRegexMatch() throws Exception {
        Manifest m = manifest(
                launch("vpc", "vpc", "") + launch("vpc-flow", "vpc-flow-logs", "") + launch("subnets", "subnets", ""),
                local("", "products: \"vpc.*\""));

        assertThat(LeastPrivilegeCheck.problems(m)).extracting(Problem::path).containsExactly("launches.subnets");
        assertThat(LeastPrivilegeCheck.problems(m).get(0).mark().line()).isEqualTo(21);
    }

    @Test
    void shouldNotCountATerminatedSpokeLocalPortfolioOrAnotherPortfolio() throws Exception {
        Manifest terminated = manifest(launch("vpc", "vpc", ""), local("    status: terminated\n", "product: vpc"));
        Manifest otherPortfolio = manifest(
                launch("vpc", "vpc", "").replace("portfolio: networking", "portfolio: security"),
                local("", "product: vpc"));

        assertThat(LeastPrivilegeCheck.problems(terminated)).hasSize(1);
        assertThat(LeastPrivilegeCheck.problems(otherPortfolio)).hasSize(1);
    }

    @Test
    void shouldRefuseExecutionSpokeEvenWhenConstrained() throws Exception {
        Manifest m = manifest(launch("vpc", "vpc", "    execution: spoke\n"), local("", "product: vpc"));

        assertThatThrownBy(() -> LeastPrivilegeCheck.require(m))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("manifest.yaml:9:3: launches.vpc: execution: spoke is not available in"
                        + " least-privilege mode");
    }
}
