package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.aws.MemoizedS3Endpoints;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;

/**
 * {@code bare-sdk put|get <endpoint> <bucket> <folder> <in-flight>}: the floor under the mirror's process rows. A plain
 * AWS SDK v2 S3 client (the mirror's HTTP client settings; of ours only {@link MemoizedS3Endpoints}, so S3's endpoint
 * rules run once per bucket here too, as in the mirror) makes only the requests a cold save or a
 * restore of {@code folder}'s files must make, {@code in-flight} at a time: one PUT per file, or one GET per file with
 * the body read into memory and dropped. No index, digest, lease, verification or file write. The mirror benchmark
 * runs it as a process with the launcher's JVM options, start-up included, beside {@code bin/puppet} and aws-cli.
 */
final class BareSdkTransfers {
    private BareSdkTransfers() {}

    static void main(String[] args) throws Exception {
        if (args.length != 5 || !(args[0].equals("put") || args[0].equals("get"))) {
            System.err.println("usage: bare-sdk put|get <endpoint> <bucket> <folder> <in-flight>");
            System.exit(2);
        }
        boolean put = args[0].equals("put");
        String bucket = args[2];
        Path folder = Path.of(args[3]);
        int inFlight = Integer.parseInt(args[4]);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        try (SdkHttpClient http = ApacheHttpClient.builder()
                        .maxConnections(inFlight)
                        .expectContinueEnabled(false)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60))
                        .build();
                S3Client s3 = client(URI.create(args[1]), http)) {
            List<Future<?>> done = new ArrayList<>(files.size());
            for (Path file : files) {
                String key = "output/" + folder.relativize(file).toString().replace('\\', '/');
                done.add(pool.submit(() -> {
                    if (put) {
                        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(read(file)));
                    } else {
                        s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(); // the first failure ends the run: a floor must make every request
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(
                Locale.ROOT,
                "bare SDK %s: %,d requests in %.2f s, JVM start-up not included%n",
                args[0],
                files.size(),
                (System.nanoTime() - t0) / 1e9);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * As the mirror's S3 client at an endpoint override: path style, checksums only when required, one body digest, the
     * endpoint rules once per bucket.
     */
    private static S3Client client(URI endpoint, SdkHttpClient http) {
        return S3Client.builder()
                .httpClient(http)
                .region(Region.of(MirrorBenchmark.REGION))
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIA" + MirrorBenchmark.ACCOUNT, "bench")))
                .endpointProvider(new MemoizedS3Endpoints(S3EndpointProvider.defaultProvider()))
                .forcePathStyle(true)
                .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }
}
