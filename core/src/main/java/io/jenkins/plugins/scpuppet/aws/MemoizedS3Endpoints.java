package io.jenkins.plugins.scpuppet.aws;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointParams;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;

/**
 * The SDK's S3 endpoint provider, remembered per bucket and client settings. The SDK asks it twice for every request:
 * for the request's endpoint, and for its auth scheme (SDK 2.40.2's auth scheme provider reads the scheme from the
 * endpoint the client's endpoint provider resolves). Each time it ran S3's endpoint rules, 6-8% of the mirror's client
 * CPU (JFR, 2026-12-04). The rules read none of the object's key, prefix, copy source or the keys of a batch delete
 * ({@code javap} of DefaultS3EndpointProvider), so requests that differ only in those share an endpoint ({@code
 * MemoizedS3EndpointsTest} checks this against the SDK's provider). A failed resolution is not kept. Public so that the
 * benchmark's plain-SDK floor ({@code BareSdkTransfers}) spares the rules as the mirror does.
 */
public final class MemoizedS3Endpoints implements S3EndpointProvider {
    private final MemoizedEndpoints<S3EndpointParams> memo;

    public MemoizedS3Endpoints(S3EndpointProvider sdk) {
        this.memo = new MemoizedEndpoints<>(
                sdk::resolveEndpoint,
                p -> Arrays.asList(
                        p.bucket(),
                        p.region(),
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
                        p.disableS3ExpressSessionAuth()));
    }

    @Override
    public CompletableFuture<Endpoint> resolveEndpoint(S3EndpointParams p) {
        return memo.resolve(p);
    }
}
