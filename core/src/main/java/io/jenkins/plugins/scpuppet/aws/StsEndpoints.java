package io.jenkins.plugins.scpuppet.aws;

import java.util.Locale;
import java.util.Set;

/**
 * Which STS endpoint roles are assumed through, named as upstream's {@code aws_sts_regional_endpoints} setting (and the
 * SDKs' {@code sts_regional_endpoints}): {@code regional}, the home region's endpoint, or {@code legacy}, the global
 * endpoint (sts.amazonaws.com, signed for us-east-1) for the regions that used it before STS was regionalised.
 */
public enum StsEndpoints {
    REGIONAL,
    LEGACY;

    /**
     * The regions that legacy mode sends to the global endpoint, as the SDKs list them (aws-sdk-go's
     * sts_legacy_regions, botocore's equivalent); the others, opt-in regions and other partitions, stay regional.
     */
    static final Set<String> GLOBAL_IN_LEGACY = Set.of(
            "ap-northeast-1",
            "ap-south-1",
            "ap-southeast-1",
            "ap-southeast-2",
            "ca-central-1",
            "eu-central-1",
            "eu-north-1",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "sa-east-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2");

    /** The global endpoint's signing region; with the SDK's region "aws-global" it resolves to sts.amazonaws.com. */
    static final String GLOBAL_SIGNING_REGION = "us-east-1";

    static final String GLOBAL_CLIENT_REGION = "aws-global";

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StsEndpoints parse(String value) {
        for (StsEndpoints e : values()) {
            if (e.configValue().equalsIgnoreCase(value.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("STS endpoints must be regional or legacy, got '" + value + "'");
    }

    /** Legacy wherever either asks for it: the global endpoint is used only when configured. */
    public StsEndpoints or(StsEndpoints other) {
        return this == LEGACY || other == LEGACY ? LEGACY : REGIONAL;
    }

    /**
     * The region of the STS client that assumes roles for a home region. Legacy's global endpoint is region
     * "aws-global" for real AWS; with an endpoint override (a stand-in) the SDK would sign for "aws-global" itself, so
     * there it is us-east-1, the region the global endpoint signs for.
     */
    String clientRegion(String homeRegion, boolean endpointOverridden) {
        if (this == REGIONAL || !GLOBAL_IN_LEGACY.contains(homeRegion)) {
            return homeRegion;
        }
        return endpointOverridden ? GLOBAL_SIGNING_REGION : GLOBAL_CLIENT_REGION;
    }
}
