package io.jenkins.plugins.scpuppet.bootstrap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.aws.SpokeDeploy;

/**
 * The spoke's side of execution: spoke: CodeBuild project {@code servicecatalog-puppet-deploy-in-spoke}, as upstream's
 * spoke stack has it. The hub starts it with the environment {@link SpokeDeploy} sets; it installs that version of
 * servicecatalog-puppet, fetches the expanded manifest from the presigned link and deploys this account only. Its
 * role may assume this account's PuppetRole and write its own logs, nothing else.
 */
final class DeployInSpokeTemplate {
    static final String BUILDSPEC = """
            version: 0.2
            phases:
              install:
                commands:
                  - pip install "aws-service-catalog-puppet==${VERSION}"
              build:
                commands:
                  - curl --fail --silent --show-error --output manifest-expanded.yaml "${MANIFEST_URL}"
                  - >-
                    servicecatalog-puppet --info deploy manifest-expanded.yaml --execution-mode spoke
                    --puppet-account-id "${PUPPET_ACCOUNT_ID}" --home-region "${HOME_REGION}" --regions "${REGIONS}"
                    --single-account "$(aws sts get-caller-identity --query Account --output text)"
                    --should-collect-cloudformation-events "${SHOULD_COLLECT_CLOUDFORMATION_EVENTS}"
                    --should-forward-events-to-eventbridge "${SHOULD_FORWARD_EVENTS_TO_EVENTBRIDGE}"
                    --should-forward-failures-to-opscenter "${SHOULD_FORWARD_FAILURES_TO_OPSCENTER}"
            """;

    private DeployInSpokeTemplate() {}

    static void addTo(ObjectNode resources) {
        ObjectNode role = resources.putObject("DeployInSpokeRole").put("Type", "AWS::IAM::Role");
        ObjectNode roleProps = role.putObject("Properties");
        roleProps.put("Path", "/servicecatalog-puppet/");
        ObjectNode trust = roleProps.putObject("AssumeRolePolicyDocument").put("Version", "2012-10-17");
        trust.putArray("Statement")
                .addObject()
                .put("Effect", "Allow")
                .put("Action", "sts:AssumeRole")
                .putObject("Principal")
                .put("Service", "codebuild.amazonaws.com");
        ArrayNode statements = roleProps
                .putArray("Policies")
                .addObject()
                .put("PolicyName", "deploy-in-spoke")
                .putObject("PolicyDocument")
                .put("Version", "2012-10-17")
                .putArray("Statement");
        statements
                .addObject()
                .put("Sid", "AssumeThisAccountsPuppetRole")
                .put("Effect", "Allow")
                .put("Action", "sts:AssumeRole")
                .putObject("Resource")
                .put("Fn::Sub", "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/servicecatalog-puppet/PuppetRole");
        ObjectNode logs = statements.addObject().put("Sid", "OwnBuildLogs").put("Effect", "Allow");
        logs.putArray("Action")
                .add("logs:CreateLogGroup")
                .add("logs:CreateLogStream")
                .add("logs:PutLogEvents");
        logs.putObject("Resource")
                .put(
                        "Fn::Sub",
                        "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/codebuild/"
                                + SpokeDeploy.PROJECT + ":*");

        ObjectNode project = resources.putObject("DeployInSpokeProject").put("Type", "AWS::CodeBuild::Project");
        ObjectNode props = project.putObject("Properties");
        props.put("Name", SpokeDeploy.PROJECT).put("TimeoutInMinutes", 480);
        props.putObject("ServiceRole")
                .putArray("Fn::GetAtt")
                .add("DeployInSpokeRole")
                .add("Arn");
        props.putObject("Artifacts").put("Type", "NO_ARTIFACTS");
        props.putObject("Source").put("Type", "NO_SOURCE").put("BuildSpec", BUILDSPEC);
        ObjectNode environment = props.putObject("Environment")
                .put("Type", "LINUX_CONTAINER")
                .put("ComputeType", "BUILD_GENERAL1_SMALL")
                .put("Image", "aws/codebuild/standard:7.0");
        ArrayNode variables = environment.putArray("EnvironmentVariables");
        for (String name : SpokeDeploy.ENVIRONMENT) {
            variables.addObject().put("Name", name).put("Type", "PLAINTEXT").put("Value", "set-by-the-hub");
        }
        props.putArray("Tags")
                .addObject()
                .put("Key", "ServiceCatalogPuppet:Actor")
                .put("Value", "Framework");
    }
}
