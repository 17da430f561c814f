package io.jenkins.plugins.scpuppet.standin;

import java.util.Map;

/**
 * One recorded IAM decision of the stand-in (a line of calls.jsonl).
 *
 * @param kind "identity" (a role session's call, judged by the role's policies) or "trust" (an AssumeRole, judged by
 *     the role's trust policy; principalArn is then the caller's)
 * @param standInDecision "Allow" or "Deny"
 */
public record IamDecision(
        String principalArn,
        String action,
        String resource,
        String account,
        String region,
        String kind,
        Map<String, String> context,
        String standInDecision) {}
