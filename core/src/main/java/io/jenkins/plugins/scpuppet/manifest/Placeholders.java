package io.jenkins.plugins.scpuppet.manifest;

/** Fills {@code ${AWS::AccountId}} and {@code ${AWS::Region}} with a target's account and region. */
public final class Placeholders {
    private Placeholders() {}

    public static String fill(String text, String accountId, String region) {
        if (text == null || text.indexOf('$') < 0) {
            return text;
        }
        return text.replace("${AWS::AccountId}", accountId).replace("${AWS::Region}", region);
    }
}
