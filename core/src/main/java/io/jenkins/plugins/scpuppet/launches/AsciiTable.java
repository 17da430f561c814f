package io.jenkins.plugins.scpuppet.launches;

import java.util.List;

/** Upstream's terminaltables AsciiTable: +---+ borders, a line under the heading, cells padded by one space. */
public final class AsciiTable {
    private AsciiTable() {}

    /** The table as lines ending in \n; a missing or null cell prints empty. */
    public static String render(List<String> heading, List<List<String>> rows) {
        int[] widths = new int[heading.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = heading.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], cell(row, i).length());
            }
        }
        String border = border(widths);
        StringBuilder out =
                new StringBuilder(border).append(line(heading, widths)).append(border);
        rows.forEach(row -> out.append(line(row, widths)));
        return out.append(border).toString();
    }

    private static String cell(List<String> row, int i) {
        String value = i < row.size() ? row.get(i) : null;
        return value == null ? "" : value;
    }

    private static String border(int[] widths) {
        StringBuilder b = new StringBuilder("+");
        for (int w : widths) {
            b.append("-".repeat(w + 2)).append('+');
        }
        return b.append('\n').toString();
    }

    private static String line(List<String> row, int[] widths) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            String v = cell(row, i);
            b.append(' ')
                    .append(v)
                    .append(" ".repeat(widths[i] - v.length() + 1))
                    .append('|');
        }
        return b.append('\n').toString();
    }
}
