package io.jenkins.plugins.scpuppet.standin;

import java.util.Locale;

/**
 * IAM's wildcard matching: {@code *} matches any run of characters (also none), {@code ?} exactly one. Actions match
 * case-insensitively, resources and condition values case-sensitively; ArnLike compares the six colon-delimited parts
 * of an ARN one by one (IAM User Guide, "Condition operators", ARN condition operators).
 */
final class Wildcards {
    private Wildcards() {}

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        if (ignoreCase) {
            pattern = pattern.toLowerCase(Locale.ROOT);
            value = value.toLowerCase(Locale.ROOT);
        }
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** ArnLike / ArnEquals: part by part; a pattern that is not six parts long (such as "*") matches as a whole. */
    static boolean arnLike(String pattern, String arn) {
        String[] want = pattern.split(":", 6);
        String[] have = arn.split(":", 6);
        if (want.length != 6) {
            return matches(pattern, arn, false);
        }
        if (have.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!matches(want[i], have[i], false)) {
                return false;
            }
        }
        return true;
    }
}
