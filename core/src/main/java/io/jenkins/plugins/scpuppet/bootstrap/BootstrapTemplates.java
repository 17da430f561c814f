package io.jenkins.plugins.scpuppet.bootstrap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * CloudFormation templates bootstrap deploys. In a Jenkins world, Jenkins replaces upstream's CodePipeline and
 * CodeBuild, so the hub stack holds only what deploy needs: the caching bucket (as upstream makes it, plus owner
 * enforcement, a TLS-only policy and expiry of old versions), the home-region parameter and, when events are
 * forwarded, the event bus, and the KMS key that signs the cache index ({@link CacheIndexKey}). The spoke stack holds
 * the PuppetRole the hub assumes.
 */
final class BootstrapTemplates {
    static final String HUB_STACK = "servicecatalog-puppet-jenkins";
    static final String SPOKE_STACK = "servicecatalog-puppet-spoke";
    private static final JsonNodeFactory J = JsonNodeFactory.instance;

    private BootstrapTemplates() {}

    static String cachingBucket(String account, String region) {
        return "sc-puppet-caching-bucket-" + account + "-" + region;
    }

    static String spokeDeployBucket(String account) {
        return "sc-puppet-spoke-deploy-" + account;
    }

    /** Every bucket the hub stack may hold (the spoke-deploy one only with --spoke-version). */
    static List<String> bucketNames(String account, String region) {
        return List.of(cachingBucket(account, region), spokeDeployBucket(account));
    }

    static ObjectNode hub(String account, String region, BootstrapOptions o) {
        ObjectNode t = base("servicecatalog-puppet for Jenkins: the cache bucket and the parameters deploy reads");
        ObjectNode r = t.putObject("Resources");
        String bucketName = cachingBucket(account, region);
        ObjectNode props = hardenedBucket(r, "CachingBucket", bucketName, o.kmsKeyId());
        props.putObject("VersioningConfiguration").put("Status", "Enabled");
        props.putObject("LifecycleConfiguration")
                .putArray("Rules")
                .addObject()
                .put("Id", "expire-old-versions")
                .put("Status", "Enabled")
                .putObject("NoncurrentVersionExpiration")
                .put("NoncurrentDays", o.noncurrentVersionDays());
        CacheWriterPolicy.addTo(r, "CachingBucket", bucketName, o.cacheWriters(), account);
        ObjectNode home = resource(r, "HomeRegionParameter", "AWS::SSM::Parameter");
        home.put("Name", "/servicecatalog-puppet/home-region")
                .put("Type", "String")
                .put("Value", region);
        if (o.spokeVersion() != null) {
            // execution: spoke: manifests handed to spokes through presigned links that last 24 hours; kept 2 days.
            ObjectNode spokeBucket = hardenedBucket(r, "SpokeDeployBucket", spokeDeployBucket(account), o.kmsKeyId());
            // Versioned: each spoke's link pins the version uploaded (a later write to the key cannot change it).
            spokeBucket.putObject("VersioningConfiguration").put("Status", "Enabled");
            spokeBucket
                    .putObject("LifecycleConfiguration")
                    .putArray("Rules")
                    .addObject()
                    .put("Id", "expire-handed-over-manifests")
                    .put("Status", "Enabled")
                    .put("ExpirationInDays", 2)
                    .putObject("NoncurrentVersionExpiration")
                    .put("NoncurrentDays", 1);
            resource(r, "SpokeVersionParameter", "AWS::SSM::Parameter")
                    .put("Name", "service-catalog-puppet-version")
                    .put("Type", "String")
                    .put("Value", o.spokeVersion());
        }
        if (o.forwardEventsToEventBridge()) {
            resource(r, "EventBus", "AWS::Events::EventBus").put("Name", "servicecatalog-puppet-event-bus");
        }
        ObjectNode outputs = t.putObject("Outputs");
        outputs.putObject("CachingBucketName").put("Value", bucketName);
        CacheIndexKey.addTo(r, outputs, o.cacheWriters());
        return t;
    }

    /**
     * A private bucket: encrypted (SSE-S3 or the KMS key), public access blocked, owner-enforced, tagged, and a policy
     * refusing anything but TLS. Returns its properties for what differs (versioning, lifecycle).
     */
    private static ObjectNode hardenedBucket(ObjectNode resources, String logicalId, String name, String kmsKeyId) {
        ObjectNode props = resource(resources, logicalId, "AWS::S3::Bucket");
        props.put("BucketName", name);
        ObjectNode sse = props.putObject("BucketEncryption")
                .putArray("ServerSideEncryptionConfiguration")
                .addObject()
                .putObject("ServerSideEncryptionByDefault");
        if (kmsKeyId == null) {
            sse.put("SSEAlgorithm", "AES256");
        } else {
            sse.put("SSEAlgorithm", "aws:kms").put("KMSMasterKeyID", kmsKeyId);
        }
        props.putObject("PublicAccessBlockConfiguration")
                .put("BlockPublicAcls", true)
                .put("BlockPublicPolicy", true)
                .put("IgnorePublicAcls", true)
                .put("RestrictPublicBuckets", true);
        props.putObject("OwnershipControls")
                .putArray("Rules")
                .addObject()
                .put("ObjectOwnership", "BucketOwnerEnforced");
        tags(props);
        ObjectNode policy = resource(resources, logicalId + "Policy", "AWS::S3::BucketPolicy");
        policy.put("Bucket", name);
        ObjectNode statement = policy.putObject("PolicyDocument")
                .put("Version", "2012-10-17")
                .putArray("Statement")
                .addObject();
        statement
                .put("Sid", "TlsOnly")
                .put("Effect", "Deny")
                .put("Principal", "*")
                .put("Action", "s3:*");
        ArrayNode bucketArns = statement.putArray("Resource");
        bucketArns.addObject().put("Fn::Sub", "arn:${AWS::Partition}:s3:::" + name);
        bucketArns.addObject().put("Fn::Sub", "arn:${AWS::Partition}:s3:::" + name + "/*");
        statement.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
        return props;
    }

    /** The spoke stack: the PuppetRole and, with deploy-in-spoke, the CodeBuild project and its role. */
    static ObjectNode spoke(String puppetAccount, SpokeOptions options) {
        ObjectNode t = base("servicecatalog-puppet spoke: the role the puppet account assumes here");
        ObjectNode resources = t.putObject("Resources");
        PuppetRoleTemplate.addTo(resources, puppetAccount, options);
        if (options.deployInSpoke()) {
            DeployInSpokeTemplate.addTo(resources);
        }
        return t;
    }

    private static ObjectNode base(String description) {
        return J.objectNode().put("AWSTemplateFormatVersion", "2010-09-09").put("Description", description);
    }

    private static ObjectNode resource(ObjectNode resources, String name, String type) {
        ObjectNode r = resources.putObject(name);
        r.put("Type", type);
        return r.putObject("Properties");
    }

    private static void tags(ObjectNode props) {
        props.putArray("Tags")
                .addObject()
                .put("Key", "ServiceCatalogPuppet:Actor")
                .put("Value", "Framework");
    }
}
