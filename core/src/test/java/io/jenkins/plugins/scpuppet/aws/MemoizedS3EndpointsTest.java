package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointParams;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;

class MemoizedS3EndpointsTest {
    private static final S3EndpointProvider SDK = S3EndpointProvider.defaultProvider();

    /** Keys the rules could tell apart if they read them: plain, nested, dotted, encoded, and one like an ARN. */
    private static final List<String> KEYS =
            List.of("output/a.json", "output/b/c.json", "_puppet/index.json", "a%2Fb", "arn:aws:s3:::x/y", "");

    @Test
    void shouldAnswerAsTheSdkWhateverTheKey() {
        for (String bucket : List.of("sc-puppet-caching-bucket-111111111111-eu-west-1", "dotted.bucket.name")) {
            for (String endpoint : new String[] {null, "http://127.0.0.1:9000"}) {
                for (Region region : List.of(Region.EU_WEST_1, Region.US_EAST_1, Region.CN_NORTH_1)) {
                    MemoizedS3Endpoints memo = new MemoizedS3Endpoints(SDK);
                    for (String key : KEYS) {
                        S3EndpointParams p = params(bucket, region, endpoint, key);
                        assertThat(memo.resolveEndpoint(p).join())
                                .as("%s %s %s %s", bucket, region, endpoint, key)
                                .isEqualTo(SDK.resolveEndpoint(p).join());
                    }
                }
            }
        }
    }

    @Test
    void shouldAskTheSdkOncePerBucket() {
        AtomicInteger asked = new AtomicInteger();
        MemoizedS3Endpoints memo = new MemoizedS3Endpoints(p -> {
            asked.incrementAndGet();
            return SDK.resolveEndpoint(p);
        });
        for (int i = 0; i < 100; i++) {
            memo.resolveEndpoint(params("bucket-a", Region.EU_WEST_1, null, "output/" + i + ".json"))
                    .join();
        }
        assertThat(asked).hasValue(1);
        memo.resolveEndpoint(params("bucket-b", Region.EU_WEST_1, null, "output/1.json"))
                .join();
        memo.resolveEndpoint(params("bucket-a", Region.US_EAST_1, null, "output/1.json"))
                .join();
        assertThat(asked).hasValue(3);
    }

    @Test
    void shouldNotKeepAFailure() {
        AtomicInteger asked = new AtomicInteger();
        MemoizedS3Endpoints memo = new MemoizedS3Endpoints(p -> {
            if (asked.incrementAndGet() == 1) {
                return CompletableFuture.failedFuture(SdkClientException.create("rules refused"));
            }
            return SDK.resolveEndpoint(p);
        });
        S3EndpointParams p = params("bucket-a", Region.EU_WEST_1, null, "k");
        assertThatThrownBy(() -> memo.resolveEndpoint(p).join()).isInstanceOf(CompletionException.class);
        assertThat(memo.resolveEndpoint(p).join())
                .isEqualTo(SDK.resolveEndpoint(p).join());
        assertThat(memo.resolveEndpoint(p).join())
                .isEqualTo(SDK.resolveEndpoint(p).join());
        assertThat(asked).hasValue(2);
    }

    private static S3EndpointParams params(String bucket, Region region, String endpoint, String key) {
        return S3EndpointParams.builder()
                .bucket(bucket)
                .region(region)
                .endpoint(endpoint)
                .forcePathStyle(endpoint != null)
                .useFips(false)
                .useDualStack(false)
                .accelerate(false)
                .useGlobalEndpoint(false)
                .key(key)
                .prefix(key)
                .copySource(key.isEmpty() ? null : bucket + "/" + key)
                .build();
    }
}
