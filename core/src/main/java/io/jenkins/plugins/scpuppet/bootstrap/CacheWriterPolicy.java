package io.jenkins.plugins.scpuppet.bootstrap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.mirror.CacheKeys;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The caching bucket's statement that lets only the cache writers (the roles that save or purge) change anything
 * under {@code output/}: targets, the index, the lease and the graph. Everyone else, whatever their own policies allow,
 * is refused every action that writes, replaces, deletes or re-labels an object there. Reads stay with each
 * principal's own policy (restore runs as the hub caller), and bucket management (the bucket policy itself, so the
 * bootstrap caller and CloudFormation keep managing the stack) is not touched.
 */
public final class CacheWriterPolicy {
    static final String SID = "OnlyCacheWritersWriteTheCache";
    /** Every role under the hub's /servicecatalog-puppet/ path: the same default as the PuppetRole's trust. */
    public static final String DEFAULT_WRITERS =
            "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/servicecatalog-puppet/*";

    /**
     * Object actions that change what a restore would read or whether it is there. Acl actions are moot while the
     * bucket enforces owner ownership, and denied anyway in case that is changed; retention and legal hold could pin a
     * forged object against purge; the replication actions are how a replication role writes into a destination
     * bucket; AbortMultipartUpload would end a writer's upload halfway. RestoreObject is left out: it makes a temporary
     * copy of an archived object's own bytes, and the cache is never archived.
     */
    static final List<String> WRITE_ACTIONS = List.of(
            "s3:PutObject",
            "s3:DeleteObject",
            "s3:DeleteObjectVersion",
            "s3:PutObjectAcl",
            "s3:PutObjectVersionAcl",
            "s3:PutObjectTagging",
            "s3:PutObjectVersionTagging",
            "s3:DeleteObjectTagging",
            "s3:DeleteObjectVersionTagging",
            "s3:PutObjectRetention",
            "s3:PutObjectLegalHold",
            "s3:ReplicateObject",
            "s3:ReplicateDelete",
            "s3:ReplicateTags",
            "s3:AbortMultipartUpload");

    private static final Pattern WRITER = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):(role/.+|user/.+|root)");

    private CacheWriterPolicy() {}

    /**
     * What is wrong with a cache writer ARN, or null when nothing is (for callers that report usage errors). The
     * statement matches {@code aws:PrincipalArn}, which for a role session is the role's ARN, never an sts one.
     *
     * @param puppetAccount the hub account, or null when it is not known yet
     */
    public static String problem(String arn, String puppetAccount) {
        Matcher m = WRITER.matcher(arn == null ? "" : arn);
        if (!m.matches()) {
            return arn + " is not an IAM role or user ARN (wildcards allowed) such as"
                    + " arn:aws:iam::111111111111:role/servicecatalog-puppet/*; for an assumed role give the role's ARN";
        }
        if (puppetAccount != null && !m.group(1).equals(puppetAccount)) {
            return arn + " is not in the puppet account " + puppetAccount
                    + ": only principals of the hub account can write its cache bucket";
        }
        return null;
    }

    /**
     * Adds the statement to the policy of {@code bucketLogicalId}'s bucket policy resource in {@code resources}.
     *
     * @param writers cache writer ARNs (wildcards allowed); empty for {@link #DEFAULT_WRITERS}
     */
    static void addTo(
            ObjectNode resources, String bucketLogicalId, String bucketName, List<String> writers, String account) {
        ArrayNode statements = (ArrayNode) resources
                .path(bucketLogicalId + "Policy")
                .path("Properties")
                .path("PolicyDocument")
                .path("Statement");
        ObjectNode deny =
                statements.addObject().put("Sid", SID).put("Effect", "Deny").put("Principal", "*");
        ArrayNode actions = deny.putArray("Action");
        WRITE_ACTIONS.forEach(actions::add);
        deny.putObject("Resource")
                .put("Fn::Sub", "arn:${AWS::Partition}:s3:::" + bucketName + "/" + CacheKeys.PREFIX + "*");
        // ArnNotLike with a list is true only when the caller matches none of the patterns (AWS evaluates a negated
        // operator's values as NOR); a request without aws:PrincipalArn (anonymous) is refused too.
        ArrayNode patterns = deny.putObject("Condition").putObject("ArnNotLike").putArray("aws:PrincipalArn");
        if (writers.isEmpty()) {
            patterns.addObject().put("Fn::Sub", DEFAULT_WRITERS);
        }
        for (String writer : writers) {
            String problem = problem(writer, account);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            patterns.add(writer);
        }
    }
}
