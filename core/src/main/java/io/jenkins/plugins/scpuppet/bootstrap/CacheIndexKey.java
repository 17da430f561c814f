package io.jenkins.plugins.scpuppet.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.mirror.KmsIndexSigner;
import java.util.List;

/**
 * The KMS key that signs the cache index: an HMAC_256 key (GENERATE_VERIFY_MAC; HMAC keys have no automatic rotation)
 * and its alias {@code alias/servicecatalog-puppet/cache-index}. Its policy gives the account root key administration
 * but not kms:GenerateMac, so no IAM policy in the account can grant signing; kms:GenerateMac and kms:VerifyMac go only
 * to the cache writers, principals whose {@code aws:PrincipalArn} matches one of the writer patterns.
 */
public final class CacheIndexKey {
    /** The cache writers by default: the roles under servicecatalog-puppet/ in the hub account. */
    public static final List<String> DEFAULT_WRITERS =
            List.of("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/servicecatalog-puppet/*");

    /** What the account root may do to the key (KMS Developer Guide, "Allows key administrators"): no MAC use. */
    static final List<String> ADMIN_ACTIONS = List.of(
            "kms:Create*",
            "kms:Describe*",
            "kms:Enable*",
            "kms:List*",
            "kms:Put*",
            "kms:Update*",
            "kms:Revoke*",
            "kms:Disable*",
            "kms:Get*",
            "kms:Delete*",
            "kms:TagResource",
            "kms:UntagResource",
            "kms:ScheduleKeyDeletion",
            "kms:CancelKeyDeletion");

    private static final JsonNodeFactory J = JsonNodeFactory.instance;

    private CacheIndexKey() {}

    /**
     * Adds the key, its alias and the output CacheIndexKeyArn to a template.
     *
     * @param cacheWriters the bootstrap's cache writers, as the bucket policy names them (validated there); empty for
     *     {@link #DEFAULT_WRITERS}
     */
    static void addTo(ObjectNode resources, ObjectNode outputs, List<String> cacheWriters) {
        ObjectNode key = resources.putObject("CacheIndexKey");
        key.put("Type", "AWS::KMS::Key");
        // The key outlives its stack, as the bucket whose index it signs does.
        key.put("DeletionPolicy", "Retain").put("UpdateReplacePolicy", "Retain");
        ObjectNode props = key.putObject("Properties");
        props.put("Description", "Signs the servicecatalog-puppet cache index (HMAC over its SHA-256)")
                .put("KeySpec", "HMAC_256")
                .put("KeyUsage", "GENERATE_VERIFY_MAC");
        ArrayNode writers = cacheWriters.isEmpty() ? subs(DEFAULT_WRITERS) : texts(cacheWriters);
        props.set("KeyPolicy", policy(sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"), writers));
        props.putArray("Tags")
                .addObject()
                .put("Key", "ServiceCatalogPuppet:Actor")
                .put("Value", "Framework");
        ObjectNode alias = resources.putObject("CacheIndexKeyAlias");
        alias.put("Type", "AWS::KMS::Alias");
        alias.putObject("Properties")
                .put("AliasName", KmsIndexSigner.DEFAULT_KEY)
                .putObject("TargetKeyId")
                .put("Ref", "CacheIndexKey");
        outputs.putObject("CacheIndexKeyArn")
                .putObject("Value")
                .putArray("Fn::GetAtt")
                .add("CacheIndexKey")
                .add("Arn");
    }

    /**
     * The same policy as plain JSON for one account in the aws partition (the sandbox seeds the stand-in with it, and
     * tests use it): {@code ${AWS::Partition}} and {@code ${AWS::AccountId}} in the patterns are filled in.
     */
    public static String plainPolicy(String account, List<String> writers) {
        ArrayNode patterns = J.arrayNode();
        writers.forEach(w -> patterns.add(w.replace("${AWS::Partition}", "aws").replace("${AWS::AccountId}", account)));
        return policy(J.textNode("arn:aws:iam::" + account + ":root"), patterns).toString();
    }

    private static ObjectNode policy(JsonNode root, ArrayNode writers) {
        ObjectNode doc = J.objectNode().put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        ObjectNode admin =
                statements.addObject().put("Sid", "AccountAdministersTheKey").put("Effect", "Allow");
        admin.putObject("Principal").set("AWS", root);
        ArrayNode actions = admin.putArray("Action");
        ADMIN_ACTIONS.forEach(actions::add);
        admin.put("Resource", "*");
        ObjectNode use =
                statements.addObject().put("Sid", "OnlyCacheWritersMakeMacs").put("Effect", "Allow");
        use.putObject("Principal").set("AWS", root.deepCopy());
        use.put("Action", "kms:GenerateMac");
        use.put("Resource", "*");
        use.putObject("Condition").putObject("ArnLike").set("aws:PrincipalArn", writers);
        // Checking a MAC proves nothing to anyone and forges nothing: the account's IAM decides who may restore,
        // which need not be a cache writer (a read-only agent restores and does not save).
        ObjectNode verify =
                statements.addObject().put("Sid", "AccountChecksMacs").put("Effect", "Allow");
        verify.putObject("Principal").set("AWS", root.deepCopy());
        verify.put("Action", "kms:VerifyMac");
        verify.put("Resource", "*");
        return doc;
    }

    private static ObjectNode sub(String text) {
        return J.objectNode().put("Fn::Sub", text);
    }

    private static ArrayNode texts(List<String> arns) {
        ArrayNode out = J.arrayNode();
        arns.forEach(out::add);
        return out;
    }

    private static ArrayNode subs(List<String> patterns) {
        ArrayNode out = J.arrayNode();
        patterns.forEach(p -> out.add(sub(p)));
        return out;
    }
}
