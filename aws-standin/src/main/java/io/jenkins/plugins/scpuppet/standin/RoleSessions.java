package io.jenkins.plugins.scpuppet.standin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The role sessions STS has handed out, keyed by access key id: every later call signed with such a key acts as that
 * session of that role, whatever the key's text says.
 */
final class RoleSessions {
    /** One AssumeRole's credentials. */
    record Session(String account, String roleName, String roleArn, String sessionName, String sourceIdentity) {
        /** As STS names the session: the role's name without its path. */
        String assumedRoleArn() {
            return "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
        }
    }

    private final Map<String, Session> byAccessKey = new ConcurrentHashMap<>();

    void put(String accessKeyId, Session session) {
        byAccessKey.put(accessKeyId, session);
    }

    Session get(String accessKeyId) {
        return accessKeyId == null ? null : byAccessKey.get(accessKeyId);
    }
}
