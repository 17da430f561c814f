package io.jenkins.plugins.scpuppet.check;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The aws-java-sdk2 library plugins and the SDK jars each bundles ({@code hpi.bundledArtifacts} of every module of
 * jenkinsci/aws-java-sdk2-plugin at commit {@value #COMMIT}, revision {@value #REVISION}, the version the Jenkins BOM
 * 6916.v15ec97679743 pins as 2.42.33-70.vd69c0763fa_60). A plugin depending on one of these gets those jars from it.
 */
final class AwsJavaSdk2Plugins {
    static final String COMMIT = "f2f1b44";
    static final String REVISION = "2.42.33";
    static final String GROUP_ID = "io.jenkins.plugins.aws-java-sdk2";
    static final String CORE = "aws-java-sdk2-core";

    /** Plugin artifactId to the artifactIds it bundles (SDK, eventstream and reactive-streams jars). */
    static final Map<String, Set<String>> BUNDLED = Map.ofEntries(
            Map.entry(
                    CORE,
                    Set.of(
                            "annotations",
                            "apache-client",
                            "arns",
                            "auth",
                            "aws-cbor-protocol",
                            "aws-core",
                            "aws-json-protocol",
                            "aws-query-protocol",
                            "aws-xml-protocol",
                            "checksums",
                            "checksums-spi",
                            "endpoints-spi",
                            "eventstream",
                            "http-auth",
                            "http-auth-aws",
                            "http-auth-aws-eventstream",
                            "http-auth-spi",
                            "http-client-spi",
                            "identity-spi",
                            "json-utils",
                            "metrics-spi",
                            "profiles",
                            "protocol-core",
                            "reactive-streams",
                            "regions",
                            "retries",
                            "retries-spi",
                            "sdk-core",
                            "sts",
                            "third-party-jackson-core",
                            "third-party-jackson-dataformat-cbor",
                            "utils",
                            "utils-lite")),
            Map.entry("aws-java-sdk2-apigateway", Set.of("apigateway")),
            Map.entry("aws-java-sdk2-autoscaling", Set.of("autoscaling")),
            Map.entry("aws-java-sdk2-cloudformation", Set.of("cloudformation")),
            Map.entry("aws-java-sdk2-cloudfront", Set.of("cloudfront")),
            Map.entry("aws-java-sdk2-cloudwatch", Set.of("cloudwatch", "smithy-rpcv2-protocol")),
            Map.entry("aws-java-sdk2-cloudwatchlogs", Set.of("cloudwatchlogs")),
            Map.entry("aws-java-sdk2-codebuild", Set.of("codebuild")),
            Map.entry("aws-java-sdk2-codedeploy", Set.of("codedeploy")),
            Map.entry("aws-java-sdk2-ec2", Set.of("ec2")),
            Map.entry("aws-java-sdk2-ecr", Set.of("ecr")),
            Map.entry("aws-java-sdk2-ecs", Set.of("ecs")),
            Map.entry("aws-java-sdk2-efs", Set.of("efs")),
            Map.entry("aws-java-sdk2-elasticbeanstalk", Set.of("elasticbeanstalk")),
            Map.entry("aws-java-sdk2-elasticloadbalancingv2", Set.of("elasticloadbalancingv2")),
            Map.entry("aws-java-sdk2-iam", Set.of("iam")),
            Map.entry("aws-java-sdk2-kinesis", Set.of("kinesis")),
            Map.entry("aws-java-sdk2-lambda", Set.of("lambda")),
            Map.entry("aws-java-sdk2-netty-nio-client", Set.of("netty-nio-client")),
            Map.entry("aws-java-sdk2-organizations", Set.of("organizations")),
            Map.entry("aws-java-sdk2-s3", Set.of("s3", "s3-transfer-manager")),
            Map.entry("aws-java-sdk2-secretsmanager", Set.of("secretsmanager")),
            Map.entry("aws-java-sdk2-sns", Set.of("sns")),
            Map.entry("aws-java-sdk2-sqs", Set.of("sqs")),
            Map.entry("aws-java-sdk2-ssm", Set.of("ssm")),
            Map.entry("aws-java-sdk2-sso", Set.of("sso", "ssooidc")));

    /** The groups whose jars these plugins bundle. */
    private static final Set<String> GROUPS =
            Set.of("software.amazon.awssdk", "software.amazon.eventstream", "org.reactivestreams");

    private AwsJavaSdk2Plugins() {}

    /** The library plugin that bundles this jar, if any. */
    static Optional<String> pluginBundling(String groupId, String artifactId) {
        if (!GROUPS.contains(groupId)) {
            return Optional.empty();
        }
        return BUNDLED.entrySet().stream()
                .filter(e -> e.getValue().contains(artifactId))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
