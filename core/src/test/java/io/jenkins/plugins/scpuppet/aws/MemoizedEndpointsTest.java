package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.endpoints.CloudFormationEndpointParams;
import software.amazon.awssdk.services.cloudformation.endpoints.CloudFormationEndpointProvider;
import software.amazon.awssdk.services.servicecatalog.endpoints.ServiceCatalogEndpointParams;
import software.amazon.awssdk.services.servicecatalog.endpoints.ServiceCatalogEndpointProvider;

class MemoizedEndpointsTest {
    private static final ServiceCatalogEndpointProvider SC = ServiceCatalogEndpointProvider.defaultProvider();
    private static final CloudFormationEndpointProvider CFN = CloudFormationEndpointProvider.defaultProvider();
    private static final List<Region> REGIONS =
            List.of(Region.EU_WEST_1, Region.US_EAST_1, Region.CN_NORTH_1, Region.US_GOV_WEST_1);
    private static final List<Boolean> FLAGS = Arrays.asList(null, true, false);
    private static final List<String> ENDPOINTS = Arrays.asList(null, "http://127.0.0.1:9000", "https://vpce.example");

    /**
     * One memo asked every combination in turn answers each as the SDK's rules do, failures included (FIPS with an
     * endpoint override, say): every parameter the rules read is in its key.
     */
    @Test
    void shouldAnswerAsTheSdkForEveryParameterSet() {
        ServiceCatalogEndpointProvider sc = MemoizedEndpoints.serviceCatalog();
        CloudFormationEndpointProvider cfn = MemoizedEndpoints.cloudFormation();
        int compared = 0;
        for (int round = 0; round < 2; round++) { // the second round answers from what the first kept
            for (Region region : REGIONS) {
                for (Boolean fips : FLAGS) {
                    for (Boolean dualStack : FLAGS) {
                        for (String endpoint : ENDPOINTS) {
                            ServiceCatalogEndpointParams p = ServiceCatalogEndpointParams.builder()
                                    .region(region)
                                    .useFips(fips)
                                    .useDualStack(dualStack)
                                    .endpoint(endpoint)
                                    .build();
                            assertThat(outcome(sc::resolveEndpoint, p))
                                    .as("servicecatalog %s fips=%s dualstack=%s %s", region, fips, dualStack, endpoint)
                                    .isEqualTo(outcome(SC::resolveEndpoint, p));
                            CloudFormationEndpointParams c = CloudFormationEndpointParams.builder()
                                    .region(region)
                                    .useFips(fips)
                                    .useDualStack(dualStack)
                                    .endpoint(endpoint)
                                    .build();
                            assertThat(outcome(cfn::resolveEndpoint, c))
                                    .as("cloudformation %s fips=%s dualstack=%s %s", region, fips, dualStack, endpoint)
                                    .isEqualTo(outcome(CFN::resolveEndpoint, c));
                            compared += 2;
                        }
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(2 * 2 * REGIONS.size() * FLAGS.size() * FLAGS.size() * ENDPOINTS.size());
    }

    @Test
    void shouldRunTheRulesOncePerParameterSet() {
        AtomicInteger asked = new AtomicInteger();
        MemoizedEndpoints<ServiceCatalogEndpointParams> memo = MemoizedEndpoints.serviceCatalog(p -> {
            asked.incrementAndGet();
            return SC.resolveEndpoint(p);
        });
        for (int i = 0; i < 100; i++) {
            memo.resolve(params(Region.EU_WEST_1, null)).join();
        }
        assertThat(asked).hasValue(1);
        memo.resolve(params(Region.US_EAST_1, null)).join();
        memo.resolve(params(Region.EU_WEST_1, "http://127.0.0.1:9000")).join();
        assertThat(asked).hasValue(3);
    }

    @Test
    void shouldNotKeepAFailure() {
        AtomicInteger asked = new AtomicInteger();
        MemoizedEndpoints<ServiceCatalogEndpointParams> memo =
                MemoizedEndpoints.serviceCatalog(p -> asked.incrementAndGet() == 1
                        ? CompletableFuture.failedFuture(SdkClientException.create("rules refused"))
                        : SC.resolveEndpoint(p));
        ServiceCatalogEndpointParams p = params(Region.EU_WEST_1, null);
        assertThatThrownBy(() -> memo.resolve(p).join()).isInstanceOf(CompletionException.class);
        assertThat(memo.resolve(p).join()).isEqualTo(SC.resolveEndpoint(p).join());
        assertThat(memo.resolve(p).join()).isEqualTo(SC.resolveEndpoint(p).join());
        assertThat(asked).hasValue(2);
    }

    private static ServiceCatalogEndpointParams params(Region region, String endpoint) {
        return ServiceCatalogEndpointParams.builder()
                .region(region)
                .endpoint(endpoint)
                .build();
    }

    /** The endpoint, or the failure's type and message: what a request would meet. */
    private static <P> Object outcome(Function<P, CompletableFuture<Endpoint>> provider, P params) {
        try {
            return provider.apply(params).join();
        } catch (CompletionException | IllegalArgumentException | SdkClientException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return cause.getClass().getName() + ": " + cause.getMessage();
        }
    }
}
