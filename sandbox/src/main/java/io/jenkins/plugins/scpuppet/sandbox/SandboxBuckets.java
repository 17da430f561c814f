package io.jenkins.plugins.scpuppet.sandbox;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.standin.CloudFormationService;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The stand-in's CloudFormation sees the buckets of the sandbox's S3 through this: a stack deletion fails while one
 * of its buckets holds any object version or delete marker, as on AWS, and deletes the bucket otherwise.
 */
final class SandboxBuckets implements CloudFormationService.Buckets {
    private final Supplier<AwsClients> clients;
    private final String region;

    SandboxBuckets(Supplier<AwsClients> clients, String region) {
        this.clients = clients;
        this.region = region;
    }

    private S3Client s3() {
        return clients.get().s3(region);
    }

    @Override
    public boolean isEmpty(String name) {
        try {
            var page = s3().listObjectVersions(r -> r.bucket(name).maxKeys(1));
            return page.versions().isEmpty() && page.deleteMarkers().isEmpty();
        } catch (NoSuchBucketException gone) {
            return true;
        }
    }

    @Override
    public void delete(String name) {
        try {
            s3().deleteBucket(r -> r.bucket(name));
        } catch (NoSuchBucketException gone) {
            // a stack whose bucket the sandbox never made
        }
    }
}
