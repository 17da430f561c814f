package io.jenkins.plugins.scpuppet.standin;

/**
 * Who is calling, read from the SigV4 Authorization header: the account (from the access key id) and the region
 * (from the credential scope). The stand-in issues access keys that end in the account id, so assumed-role
 * credentials land in the right account's state; which role session a key belongs to is the IAM part's business.
 */
public record Caller(String accountId, String region, String service, String accessKeyId) {

    static Caller from(String authorization, String defaultAccount) {
        if (authorization == null) {
            throw new AwsError("MissingAuthenticationToken", "request is not signed", 403);
        }
        int at = authorization.indexOf("Credential=");
        if (at < 0) {
            throw new AwsError("IncompleteSignature", "no credential scope", 403);
        }
        String[] scope = authorization
                .substring(at + "Credential=".length())
                .split("[,\\s]")[0]
                .split("/");
        if (scope.length < 5) {
            throw new AwsError("IncompleteSignature", "bad credential scope", 403);
        }
        String accessKey = scope[0];
        String account = accessKey.length() >= 12
                        && accessKey.substring(accessKey.length() - 12).matches("\\d{12}")
                ? accessKey.substring(accessKey.length() - 12)
                : defaultAccount;
        return new Caller(account, scope[2], scope[3], accessKey);
    }

    /** The role upstream associates with portfolios in each account. */
    String puppetRoleArn() {
        return "arn:aws:iam::" + accountId + ":role/servicecatalog-puppet/PuppetRole";
    }
}
