package io.jenkins.plugins.scpuppet.standin;

import static io.jenkins.plugins.scpuppet.standin.Wire.params;
import static io.jenkins.plugins.scpuppet.standin.Wire.xml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provisioning without a launch-role constraint runs with the caller's own permissions, so the PuppetRole must be
 * allowed what the product's template does; with a constraint, the launch role does that work.
 */
class CallerProvisioningTest {
    private static final String HUB = IamEnforcementTest.HUB;
    private static final String ROLE = "arn:aws:iam::" + HUB + ":role/servicecatalog-puppet/PuppetRole";

    private AwsStandIn standIn;
    private Wire caller;
    private Wire puppet;
    private String portfolioId;
    private String productId;
    private String artifactId;

    @BeforeEach
    void start() throws Exception {
        standIn = AwsStandIn.start(HUB);
        caller = new Wire(standIn, "AKIASANDBOX" + HUB, "eu-west-1");
        // Everything but EC2: enough for Service Catalog and the stack, not for the VPC inside it.
        String template = IamEnforcementTest.spokeTemplate(
                        "{\"Effect\": \"Allow\", \"Action\": [\"servicecatalog:*\", \"cloudformation:*\"],"
                                + " \"Resource\": \"*\"}",
                        "")
                .replace(IamEnforcementTest.SPOKE, HUB);
        caller.query(
                "cloudformation",
                "CreateStack",
                params(
                        "StackName",
                        "spoke",
                        "TemplateBody",
                        template,
                        "Capabilities.member.1",
                        "CAPABILITY_NAMED_IAM"));
        portfolioId = standIn.serviceCatalog()
                .seedProduct(HUB, "eu-west-1", "networking", "vpc", List.of("v1"), List.of(), List.of());
        productId = standIn.serviceCatalog()
                .portfolios()
                .get(0)
                .productIds
                .iterator()
                .next();
        caller.json(
                "servicecatalog",
                "AWS242ServiceCatalogService.AssociatePrincipalWithPortfolio",
                "{\"PortfolioId\": \"" + portfolioId + "\", \"PrincipalARN\": \"" + ROLE + "\"}");
        var artifacts = caller.json(
                "servicecatalog",
                "AWS242ServiceCatalogService.ListProvisioningArtifacts",
                "{\"ProductId\": \"" + productId + "\"}");
        artifactId = AwsStandIn.JSON
                .readTree(artifacts.body())
                .path("ProvisioningArtifactDetails")
                .path(0)
                .path("Id")
                .asText();
        var assumed = caller.query("sts", "AssumeRole", params("RoleArn", ROLE, "RoleSessionName", "run"));
        puppet = caller.as(xml(assumed.body(), "AccessKeyId"));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private Wire.Response provision(String name) throws Exception {
        return puppet.json(
                "servicecatalog",
                "AWS242ServiceCatalogService.ProvisionProduct",
                "{\"ProductId\": \"" + productId + "\", \"ProvisioningArtifactId\": \"" + artifactId + "\","
                        + " \"ProvisionedProductName\": \"" + name + "\"}");
    }

    @Test
    void shouldNeedTheTemplatesActionsWithoutALaunchConstraint() throws Exception {
        var r = provision("vpc-1");

        assertThat(r.status()).isEqualTo(400);
        assertThat(AwsStandIn.JSON.readTree(r.body()).path("message").asText())
                .isEqualTo("User: arn:aws:sts::" + HUB + ":assumed-role/PuppetRole/run is not authorized to perform:"
                        + " ec2:CreateVpc on resource: * because no identity-based policy allows the ec2:CreateVpc"
                        + " action");
        assertThat(standIn.serviceCatalog().provisioned(HUB, "eu-west-1")).isEmpty();
    }

    @Test
    void shouldLeaveTheTemplatesWorkToTheLaunchRoleOfAConstraintStack() throws Exception {
        String constraints = "{\"Resources\": {\"C\": {\"Type\": \"AWS::ServiceCatalog::LaunchRoleConstraint\","
                + " \"Properties\": {\"PortfolioId\": \"" + portfolioId + "\", \"ProductId\": \"" + productId + "\","
                + " \"RoleArn\": {\"Fn::Sub\": \"arn:aws:iam::${AWS::AccountId}:role/SCLaunchRole\"}}}}}";
        var created = puppet.query(
                "cloudformation",
                "CreateStack",
                params("StackName", "launch-constraints-v2-for-portfolio-" + portfolioId, "TemplateBody", constraints));

        var r = provision("vpc-1");

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(standIn.iam().decisions()).noneMatch(d -> d.action().startsWith("ec2:"));
    }

    @Test
    void shouldUseTheProductsOwnTemplateActionsAndASeededConstraint() throws Exception {
        standIn.iam().templateActions("vpc", List.of("cloudformation:CreateStack"), List.of(), List.of("s3:Nope"));

        var provisioned = provision("vpc-1");
        var terminated = puppet.json(
                "servicecatalog",
                "AWS242ServiceCatalogService.TerminateProvisionedProduct",
                "{\"ProvisionedProductName\": \"vpc-1\"}");
        standIn.iam().launchConstraint(HUB, "eu-west-1", portfolioId, productId, "arn:aws:iam::" + HUB + ":role/L");
        var terminatedByLaunchRole = puppet.json(
                "servicecatalog",
                "AWS242ServiceCatalogService.TerminateProvisionedProduct",
                "{\"ProvisionedProductName\": \"vpc-1\"}");

        assertThat(provisioned.status()).as(provisioned.body()).isEqualTo(200);
        assertThat(terminated.body()).contains("s3:Nope");
        assertThat(terminatedByLaunchRole.status())
                .as(terminatedByLaunchRole.body())
                .isEqualTo(200);
    }
}
