package io.jenkins.plugins.scpuppet.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.Digests;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariableType;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * execution: spoke, as upstream's RunDeployInSpokeTask does it: the expanded manifest is uploaded once per run to the
 * puppet account's bucket {@code sc-puppet-spoke-deploy-<puppet account>}, and each spoke's CodeBuild project
 * {@code servicecatalog-puppet-deploy-in-spoke} (in the home region, through the puppet role) is started with a
 * presigned URL to it, valid 24 hours, and the version of servicecatalog-puppet the spoke should run. The spoke's run
 * is not awaited. The presigned URL goes only to CodeBuild: it is never logged or put in a result.
 *
 * <p>What a spoke deploys is pinned twice: the link names the object version PutObject returned (the bootstrap
 * versions the bucket), and {@code MANIFEST_SHA256}, the SHA-256 of the bytes uploaded, is checked by the spoke's
 * buildspec with {@code sha256sum -c} before it deploys. Either alone stops a later write to the bucket from changing
 * what the spokes deploy; the checksum also covers a bucket whose versioning was turned off.
 */
public final class SpokeDeploy {
    public static final String PROJECT = "servicecatalog-puppet-deploy-in-spoke";
    public static final String VERSION_PARAMETER = "service-catalog-puppet-version";
    static final Duration URL_LIFETIME = Duration.ofHours(24);
    /** The variables each start sets: the contract with the spoke's project (its template declares the same). */
    public static final List<String> ENVIRONMENT = List.of(
            "VERSION",
            "MANIFEST_URL",
            "MANIFEST_SHA256",
            "PUPPET_ACCOUNT_ID",
            "HOME_REGION",
            "REGIONS",
            "SHOULD_COLLECT_CLOUDFORMATION_EVENTS",
            "SHOULD_FORWARD_EVENTS_TO_EVENTBRIDGE",
            "SHOULD_FORWARD_FAILURES_TO_OPSCENTER");

    private static final JsonNodeFactory J = JsonNodeFactory.instance;

    private final AwsClients clients;
    private final String puppetAccountId;
    private final String homeRegion;
    private final Supplier<byte[]> manifest;
    private final Map<String, String> flags;
    private final String key = UUID.randomUUID() + ".yaml";
    private Handover handover;

    /**
     * @param manifest the expanded manifest as YAML, asked for once, on the first spoke started
     * @param flags the SHOULD_* variables the spoke's build expects, from the config
     */
    public SpokeDeploy(
            AwsClients clients,
            String puppetAccountId,
            String homeRegion,
            Supplier<byte[]> manifest,
            Map<String, String> flags) {
        this.clients = clients;
        this.puppetAccountId = puppetAccountId;
        this.homeRegion = homeRegion;
        this.manifest = manifest;
        this.flags = Map.copyOf(flags);
    }

    public static String bucket(String puppetAccountId) {
        return "sc-puppet-spoke-deploy-" + puppetAccountId;
    }

    /** Starts the spoke's build; returns what was started (never the URL). */
    public ObjectNode start(String accountId, List<String> regions) throws TaskException {
        Handover handover = handoverOnce();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VERSION", handover.version());
        env.put("MANIFEST_URL", handover.url());
        env.put("MANIFEST_SHA256", handover.sha256());
        env.put("PUPPET_ACCOUNT_ID", puppetAccountId);
        env.put("HOME_REGION", homeRegion);
        env.put("REGIONS", String.join(",", regions));
        env.putAll(flags);
        List<EnvironmentVariable> variables = new ArrayList<>();
        env.forEach((name, value) -> variables.add(EnvironmentVariable.builder()
                .name(name)
                .value(value)
                .type(EnvironmentVariableType.PLAINTEXT)
                .build()));
        String buildId = clients.codeBuild(accountId, homeRegion)
                .startBuild(b -> b.projectName(PROJECT).environmentVariablesOverride(variables))
                .build()
                .id();
        return J.objectNode()
                .put("account_id", accountId)
                .put("project", PROJECT)
                .put("build_id", buildId)
                .put("manifest", "s3://" + bucket(puppetAccountId) + "/" + key)
                .put("manifest_version_id", handover.versionId())
                .put("manifest_sha256", handover.sha256());
    }

    /**
     * What every spoke of the run gets: the version to run, a link to the manifest, and the manifest's SHA-256.
     *
     * @param versionId the object version the link pins; null when the bucket is not versioned
     */
    private record Handover(String version, String url, String versionId, String sha256) {}

    /**
     * Reads the version, uploads the manifest and signs its link once per run, however many spokes start (they run
     * in parallel, hence the lock). A failure is not kept: the next spoke tries again.
     */
    private synchronized Handover handoverOnce() throws TaskException {
        if (handover == null) {
            String version = version();
            byte[] bytes = manifest.get();
            String versionId = clients.s3(homeRegion)
                    .putObject(
                            b -> b.bucket(bucket(puppetAccountId))
                                    .key(key)
                                    .expectedBucketOwner(puppetAccountId)
                                    .contentType("application/yaml")
                                    .serverSideEncryption(ServerSideEncryption.AES256),
                            RequestBody.fromBytes(bytes))
                    .versionId();
            // S3 answers no version id for a bucket that never had versioning, "null" while it is suspended. A GET
            // naming a version is authorized as s3:GetObjectVersion of whoever signs the link (the caller's
            // credentials), not s3:GetObject (S3 API reference, GetObject, versionId).
            String pinned = versionId == null || versionId.equals("null") ? null : versionId;
            String url = clients.s3Presigner(homeRegion)
                    .presignGetObject(p -> p.signatureDuration(URL_LIFETIME)
                            // No ExpectedBucketOwner: it would become a signed header the spoke's curl cannot send.
                            .getObjectRequest(g ->
                                    g.bucket(bucket(puppetAccountId)).key(key).versionId(pinned)))
                    .url()
                    .toString();
            handover = new Handover(version, url, pinned, Digests.sha256Hex(bytes));
        }
        return handover;
    }

    private String version() throws TaskException {
        try {
            return clients.ssm(puppetAccountId, homeRegion)
                    .getParameter(b -> b.name(VERSION_PARAMETER))
                    .parameter()
                    .value();
        } catch (ParameterNotFoundException e) {
            throw new TaskException(
                    "ParameterNotFound",
                    "SSM parameter " + VERSION_PARAMETER + " is missing in " + homeRegion + " of " + puppetAccountId
                            + ": it names the servicecatalog-puppet version the spokes' deploy-in-spoke builds run;"
                            + " put it there (puppet bootstrap --spoke-version does)",
                    false);
        }
    }
}
