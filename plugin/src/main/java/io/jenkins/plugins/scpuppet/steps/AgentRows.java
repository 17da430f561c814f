package io.jenkins.plugins.scpuppet.steps;

import hudson.AbortException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Table rows an agent sent back (the dry-run table, the launch list), checked on the controller before a pipeline
 * holds them: an agent is not trusted, so the shape, the sizes and the characters are bounded, and what the pipeline
 * gets is plain JDK maps of Strings that CPS can serialize.
 */
final class AgentRows {
    /** Several times the large sample manifest's launch targets. */
    static final int MAX_ROWS = 100_000;

    /** Launch names, versions, notes and ids are far shorter. */
    static final int MAX_CELL_CHARS = 4096;

    /** All cells together. */
    static final long MAX_TOTAL_CHARS = 64L << 20;

    private AgentRows() {}

    /**
     * The rows as maps from {@code heading} to cell.
     *
     * @throws AbortException naming the step and the first row that is not a list of {@code heading.size()} short
     *     printable Strings, or when there are too many rows or characters
     */
    static List<Map<String, String>> maps(String step, Object rows, List<String> heading) throws AbortException {
        if (!(rows instanceof List<?> list)) {
            throw invalid(step, "not a list of rows");
        }
        if (list.size() > MAX_ROWS) {
            throw invalid(step, list.size() + " rows, more than " + MAX_ROWS);
        }
        List<Map<String, String>> out = new ArrayList<>(list.size());
        long total = 0;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof List<?> row) || row.size() != heading.size()) {
                throw invalid(step, "row " + (i + 1) + " is not " + heading.size() + " cells");
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int c = 0; c < heading.size(); c++) {
                String cell = cell(step, i, heading.get(c), row.get(c));
                total += cell.length();
                m.put(heading.get(c), cell);
            }
            if (total > MAX_TOTAL_CHARS) {
                throw invalid(step, "more than " + MAX_TOTAL_CHARS + " characters in all");
            }
            out.add(m);
        }
        return out;
    }

    private static String cell(String step, int row, String column, Object value) throws AbortException {
        if (!(value instanceof String s)) {
            throw invalid(step, "row " + (row + 1) + " " + column + " is not text");
        }
        if (s.length() > MAX_CELL_CHARS) {
            throw invalid(step, "row " + (row + 1) + " " + column + " is longer than " + MAX_CELL_CHARS);
        }
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw invalid(step, "row " + (row + 1) + " " + column + " holds a control character");
        }
        return s;
    }

    private static AbortException invalid(String step, String why) {
        return new AbortException(step + ": the agent's answer is not valid (" + why + "); nothing was returned");
    }
}
