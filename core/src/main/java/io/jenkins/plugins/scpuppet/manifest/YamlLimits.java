package io.jenkins.plugins.scpuppet.manifest;

/**
 * Bounds that keep hostile YAML from using unbounded time or memory.
 *
 * @param maxBytes largest file accepted
 * @param maxDepth deepest nesting of maps and lists
 * @param maxNodes most nodes the document may stand for once aliases are expanded (defeats "billion laughs")
 */
public record YamlLimits(long maxBytes, int maxDepth, long maxNodes) {
    public static final YamlLimits DEFAULT = new YamlLimits(5L * 1024 * 1024, 64, 1_000_000);
}
