package io.jenkins.plugins.scpuppet.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.jenkins.plugins.scpuppet.manifest.YNode.Kind;
import io.jenkins.plugins.scpuppet.manifest.YNode.YList;
import io.jenkins.plugins.scpuppet.manifest.YNode.YMap;
import io.jenkins.plugins.scpuppet.manifest.YNode.YScalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads one YAML document into a located {@link YNode} tree with Jackson's streaming YAML parser.
 *
 * <p>Supports anchors, aliases and {@code <<} merge keys. Refuses, with a located message: syntax errors, duplicate
 * keys, non-scalar keys, several documents, files over {@link YamlLimits#maxBytes()}, nesting deeper than
 * {@link YamlLimits#maxDepth()}, and documents whose alias expansion exceeds {@link YamlLimits#maxNodes()}.
 */
public final class YamlReader {
    private final YamlLimits limits;
    private final YAMLFactory factory;

    public YamlReader(YamlLimits limits) {
        this.limits = limits;
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes() + 1));
        this.factory = YAMLFactory.builder().loaderOptions(options).build();
    }

    public YamlReader() {
        this(YamlLimits.DEFAULT);
    }

    /** Reads a file; {@code displayName} is what messages call it. */
    public YNode read(Path file, String displayName) throws ManifestException {
        try {
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                throw new ManifestException(new Problem(
                        new Mark(displayName, 1, 1),
                        "",
                        "file is " + size + " bytes, over the limit of " + limits.maxBytes()
                                + "; split it into the sibling folders (launches/, parameters/, ...)",
                        Problem.Severity.ERROR));
            }
            return read(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), displayName);
        } catch (NoSuchFileException e) {
            throw new ManifestException(new Problem(
                    null, "", "file not found: " + displayName + "; check the path", Problem.Severity.ERROR));
        } catch (IOException e) {
            throw new ManifestException(new Problem(
                    null, "", "cannot read " + displayName + ": " + e.getMessage(), Problem.Severity.ERROR));
        }
    }

    public YNode read(String text, String displayName) throws ManifestException {
        if (text.length() > limits.maxBytes()) {
            throw new ManifestException(new Problem(
                    new Mark(displayName, 1, 1),
                    "",
                    "document is over the limit of " + limits.maxBytes() + " bytes",
                    Problem.Severity.ERROR));
        }
        try (YAMLParser parser = (YAMLParser) factory.createParser(text)) {
            Builder builder = new Builder(parser, displayName);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YScalar("", Kind.NULL, new Mark(displayName, 1, 1));
            }
            YNode root = builder.node(first, 0);
            if (parser.nextToken() != null) {
                throw builder.problem(
                        parser.currentTokenLocation(),
                        "a manifest holds one YAML document; remove the extra '---' document");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String message = e.getOriginalMessage().lines().findFirst().orElse("YAML syntax error");
            throw new ManifestException(new Problem(
                    new Mark(displayName, loc == null ? 1 : loc.getLineNr(), loc == null ? 1 : loc.getColumnNr()),
                    "",
                    "YAML syntax error: " + message,
                    Problem.Severity.ERROR));
        } catch (IOException e) {
            throw new ManifestException(new Problem(
                    null, "", "cannot parse " + displayName + ": " + e.getMessage(), Problem.Severity.ERROR));
        }
    }

    private final class Builder {
        private final YAMLParser parser;
        private final String file;
        private final Map<String, YNode> anchors = new HashMap<>();
        private final IdentityHashMap<YNode, Long> sizes = new IdentityHashMap<>();
        private long expanded;

        Builder(YAMLParser parser, String file) {
            this.parser = parser;
            this.file = file;
        }

        YNode node(JsonToken token, int depth) throws IOException, ManifestException {
            Mark mark = mark(parser.currentTokenLocation());
            if (depth > limits.maxDepth()) {
                throw problem(
                        parser.currentTokenLocation(),
                        "nested deeper than " + limits.maxDepth() + " levels; a manifest never needs this");
            }
            String anchor = parser.getObjectId();
            YNode node;
            long size;
            if (token == JsonToken.VALUE_STRING && parser.isCurrentAlias()) {
                node = anchors.get(parser.getText());
                if (node == null) {
                    throw problem(parser.currentTokenLocation(), "alias *" + parser.getText() + " has no anchor");
                }
                size = sizes.get(node);
                count(size);
                return node;
            }
            switch (token) {
                case START_OBJECT -> {
                    YMap map = map(mark, depth);
                    node = map;
                    size = 1
                            + map.entries().values().stream()
                                    .mapToLong(sizes::get)
                                    .sum();
                }
                case START_ARRAY -> {
                    List<YNode> items = new ArrayList<>();
                    JsonToken t;
                    long sum = 1;
                    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                        YNode item = node(t, depth + 1);
                        items.add(item);
                        sum += sizes.get(item);
                    }
                    node = new YList(List.copyOf(items), mark);
                    size = sum;
                }
                default -> {
                    node = scalar(token, mark);
                    size = 1;
                    count(1);
                }
            }
            sizes.put(node, size);
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private YMap map(Mark mark, int depth) throws IOException, ManifestException {
            LinkedHashMap<String, YNode> entries = new LinkedHashMap<>();
            Map<String, Mark> keyMarks = new LinkedHashMap<>();
            List<YNode> merges = new ArrayList<>();
            JsonToken t;
            while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
                JsonLocation keyLocation = parser.currentTokenLocation();
                String key = parser.currentName();
                JsonToken valueToken = parser.nextToken();
                YNode value = node(valueToken, depth + 1);
                if ("<<".equals(key)) {
                    merges.add(value);
                    continue;
                }
                if (entries.containsKey(key)) {
                    throw problem(
                            keyLocation,
                            "duplicate key '" + key + "' (first at line "
                                    + keyMarks.get(key).line() + "); keep one of them");
                }
                entries.put(key, value);
                keyMarks.put(key, mark(keyLocation));
            }
            for (YNode merge : merges) {
                mergeInto(entries, keyMarks, merge);
            }
            return new YMap(entries, keyMarks, mark);
        }

        /** YAML merge keys: entries of the merged map(s) that the map does not set itself. */
        private void mergeInto(LinkedHashMap<String, YNode> entries, Map<String, Mark> keyMarks, YNode merge)
                throws ManifestException {
            List<YNode> sources = merge instanceof YList list ? list.items() : List.of(merge);
            for (YNode source : sources) {
                if (!(source instanceof YMap sourceMap)) {
                    throw new ManifestException(new Problem(
                            merge.mark(),
                            "",
                            "'<<' merges maps only, but got " + source.describe(),
                            Problem.Severity.ERROR));
                }
                sourceMap.entries().forEach((k, v) -> {
                    if (!entries.containsKey(k)) {
                        entries.put(k, v);
                        keyMarks.put(k, sourceMap.keyMarks().get(k));
                    }
                });
            }
        }

        private YScalar scalar(JsonToken token, Mark mark) throws IOException {
            return switch (token) {
                case VALUE_NUMBER_INT -> new YScalar(parser.getText(), Kind.INT, mark);
                case VALUE_NUMBER_FLOAT -> new YScalar(parser.getText(), Kind.FLOAT, mark);
                case VALUE_TRUE, VALUE_FALSE -> new YScalar(parser.getText(), Kind.BOOL, mark);
                case VALUE_NULL -> new YScalar(parser.getText() == null ? "" : parser.getText(), Kind.NULL, mark);
                default -> new YScalar(parser.getText(), Kind.STRING, mark);
            };
        }

        private void count(long nodes) throws ManifestException {
            expanded += nodes;
            if (expanded > limits.maxNodes()) {
                throw new ManifestException(new Problem(
                        mark(parser.currentTokenLocation()),
                        "",
                        "aliases expand this document to more than " + limits.maxNodes()
                                + " values; this looks like an alias bomb",
                        Problem.Severity.ERROR));
            }
        }

        private Mark mark(JsonLocation location) {
            return new Mark(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
        }

        ManifestException problem(JsonLocation location, String message) {
            return new ManifestException(new Problem(mark(location), "", message, Problem.Severity.ERROR));
        }
    }
}
