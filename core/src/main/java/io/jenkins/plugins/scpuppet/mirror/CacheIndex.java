package io.jenkins.plugins.scpuppet.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The published list of trusted objects: key to SHA-256 and size. Saves upload objects first and publish the index
 * last, so a reader never trusts half a save; restores trust only objects whose bytes match the index.
 */
public record CacheIndex(long generation, Map<String, Entry> entries) {
    /** 2: published with a MAC ({@link SignedIndex}); 1 (older versions, no MAC) is still read in journal chunks. */
    static final int FORMAT = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One object: its digest and size. */
    public record Entry(String sha256, long size) {}

    public static final CacheIndex EMPTY = new CacheIndex(0, Map.of());

    /** A digest of a set of entries, to tell cheaply whether the local cache is what it was. */
    static String fingerprint(Map<String, Entry> entries) {
        MessageDigest sha = Digests.newSha256();
        new TreeMap<>(entries)
                .forEach((key, e) -> sha.update(
                        (key + '\0' + e.sha256() + '\0' + e.size() + '\n').getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(sha.digest());
    }

    byte[] toJson() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("format", FORMAT);
        doc.put("generation", generation);
        ObjectNode objects = doc.putObject("objects");
        new TreeMap<>(entries)
                .forEach((key, e) ->
                        objects.putObject(key).put("sha256", e.sha256()).put("size", e.size()));
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses an index; anything unexpected is an {@link IOException} naming what is wrong. */
    static CacheIndex fromJson(byte[] bytes) throws IOException {
        JsonNode doc = JSON.readTree(bytes);
        if (doc == null
                || (doc.path("format").asInt() != FORMAT && doc.path("format").asInt() != 1)
                || !doc.path("objects").isObject()) {
            throw new IOException("the cache index has an unknown format");
        }
        Map<String, Entry> entries = new TreeMap<>();
        var fields = doc.path("objects").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            String sha = f.getValue().path("sha256").asText("");
            if (!sha.matches("[0-9a-f]{64}")) {
                throw new IOException("the cache index entry for " + f.getKey() + " has no valid sha256");
            }
            entries.put(f.getKey(), new Entry(sha, f.getValue().path("size").asLong()));
        }
        return new CacheIndex(doc.path("generation").asLong(), entries);
    }
}
