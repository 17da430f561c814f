package io.jenkins.plugins.scpuppet.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML node that remembers where it came from, so every error can name the file, line and column. */
public sealed interface YNode {
    Mark mark();

    /** Short description for messages: "a map", "a list", "the number 42". */
    String describe();

    /** Scalar kinds as YAML resolved them. */
    enum Kind {
        STRING,
        INT,
        FLOAT,
        BOOL,
        NULL
    }

    record YScalar(String text, Kind kind, Mark mark) implements YNode {
        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "nothing (null)";
                case BOOL -> "the boolean " + text;
                case INT, FLOAT -> "the number " + text;
                case STRING -> "the text '" + text + "'";
            };
        }
    }

    record YList(List<YNode> items, Mark mark) implements YNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A mapping with string keys, in document order, and the position of each key. */
    record YMap(LinkedHashMap<String, YNode> entries, Map<String, Mark> keyMarks, Mark mark) implements YNode {
        @Override
        public String describe() {
            return "a map";
        }
    }
}
