package io.jenkins.plugins.scpuppet.aws;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeParams;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;

/**
 * The SDK's S3 auth scheme provider, remembered per operation and bucket. The SDK's resolves the auth scheme by running
 * S3's endpoint rules, which the client then runs again for the endpoint: twice per request, about 4% of a fresh JVM's
 * client CPU in a cold save of 10,000 targets (JFR, 2026-12-04). The answer depends on the operation, bucket, region
 * and client settings only: the rules of SDK 2.40.2 read none of the object's key, prefix, copy source or the keys of a
 * batch delete, so requests that differ only in those share an answer ({@code MemoizedS3AuthSchemesTest} checks this
 * against the SDK's provider).
 */
final class MemoizedS3AuthSchemes implements S3AuthSchemeProvider {
    /** Beyond this many (operation, bucket) pairs, answers are not kept: a client uses a handful. */
    static final int MAX_KEPT = 256;

    private final S3AuthSchemeProvider sdk;
    private final Map<List<Object>, List<AuthSchemeOption>> kept = new ConcurrentHashMap<>();

    MemoizedS3AuthSchemes(S3AuthSchemeProvider sdk) {
        this.sdk = sdk;
    }

    @Override
    public List<AuthSchemeOption> resolveAuthScheme(S3AuthSchemeParams p) {
        List<Object> id = Arrays.asList(
                p.operation(),
                p.region(),
                p.regionSet(),
                p.bucket(),
                p.useFips(),
                p.useDualStack(),
                p.endpoint(),
                p.forcePathStyle(),
                p.accelerate(),
                p.useGlobalEndpoint(),
                p.useObjectLambdaEndpoint(),
                p.disableAccessPoints(),
                p.disableMultiRegionAccessPoints(),
                p.useArnRegion(),
                p.useS3ExpressControlEndpoint(),
                p.disableS3ExpressSessionAuth());
        List<AuthSchemeOption> known = kept.get(id);
        if (known != null) {
            return known;
        }
        List<AuthSchemeOption> options = List.copyOf(sdk.resolveAuthScheme(p));
        if (kept.size() < MAX_KEPT) {
            kept.putIfAbsent(id, options);
        }
        return options;
    }
}
