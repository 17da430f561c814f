package io.jenkins.plugins.scpuppet.aws;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClientBuilder;
import software.amazon.awssdk.services.cloudformation.endpoints.CloudFormationEndpointParams;
import software.amazon.awssdk.services.cloudformation.endpoints.CloudFormationEndpointProvider;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClientBuilder;
import software.amazon.awssdk.services.servicecatalog.endpoints.ServiceCatalogEndpointParams;
import software.amazon.awssdk.services.servicecatalog.endpoints.ServiceCatalogEndpointProvider;

/**
 * A service's endpoint rules, remembered per parameters: the SDK runs them, and builds a new URI, for every request.
 * The key names every parameter the rules read, so parameters that differ share no endpoint. Used for S3 ({@link
 * MemoizedS3Endpoints}) and for the services a deploy calls most, Service Catalog and CloudFormation (97% of the large
 * manifest's calls; their rules 2% of the workers' samples, JFR 2026-12-05), whose parameters are the region, FIPS,
 * dual-stack and the endpoint override ({@code javap} of SDK 2.40.2's {@code *EndpointParams}). A failed resolution
 * is not kept.
 */
final class MemoizedEndpoints<P> {
    /** Beyond this many parameter sets, endpoints are not kept: a client uses a handful. */
    static final int MAX_KEPT = 256;

    private final Function<P, CompletableFuture<Endpoint>> rules;
    private final Function<P, List<Object>> key;
    private final Map<List<Object>, Endpoint> kept = new ConcurrentHashMap<>();

    MemoizedEndpoints(Function<P, CompletableFuture<Endpoint>> rules, Function<P, List<Object>> key) {
        this.rules = rules;
        this.key = key;
    }

    /** A Service Catalog client builder whose endpoint rules run once per client. */
    static ServiceCatalogClientBuilder serviceCatalogClient() {
        return ServiceCatalogClient.builder().endpointProvider(serviceCatalog());
    }

    /** A CloudFormation client builder whose endpoint rules run once per client. */
    static CloudFormationClientBuilder cloudFormationClient() {
        return CloudFormationClient.builder().endpointProvider(cloudFormation());
    }

    static ServiceCatalogEndpointProvider serviceCatalog() {
        return serviceCatalog(ServiceCatalogEndpointProvider.defaultProvider()::resolveEndpoint)::resolve;
    }

    static CloudFormationEndpointProvider cloudFormation() {
        return cloudFormation(CloudFormationEndpointProvider.defaultProvider()::resolveEndpoint)::resolve;
    }

    /** Service Catalog's {@code rules}, kept per all four of their parameters. */
    static MemoizedEndpoints<ServiceCatalogEndpointParams> serviceCatalog(
            Function<ServiceCatalogEndpointParams, CompletableFuture<Endpoint>> rules) {
        return new MemoizedEndpoints<>(
                rules, p -> Arrays.asList(p.region(), p.useFips(), p.useDualStack(), p.endpoint()));
    }

    /** CloudFormation's {@code rules}, kept per all four of their parameters. */
    static MemoizedEndpoints<CloudFormationEndpointParams> cloudFormation(
            Function<CloudFormationEndpointParams, CompletableFuture<Endpoint>> rules) {
        return new MemoizedEndpoints<>(
                rules, p -> Arrays.asList(p.region(), p.useFips(), p.useDualStack(), p.endpoint()));
    }

    CompletableFuture<Endpoint> resolve(P params) {
        List<Object> id = key.apply(params);
        Endpoint known = kept.get(id);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return rules.apply(params).thenApply(endpoint -> {
            if (kept.size() < MAX_KEPT) {
                kept.putIfAbsent(id, endpoint);
            }
            return endpoint;
        });
    }
}
