package io.jenkins.plugins.scpuppet.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Static rules for the plugin's views, scripts and styles, so Jenkins' pages stay theirs and a strict
 * Content-Security-Policy blocks nothing of ours: no inline style or script anywhere, no HTML built from strings in
 * scripts, and every CSS selector starts with one of the plugin's root classes. Each problem names file and rule.
 */
final class PageRules {
    /** The plugin's own root classes: a selector must start with one. */
    static final Pattern ROOT = Pattern.compile("\\.puppet-(report|card|trend|sections|standalone)(?![\\w-])");

    private static final List<Rule> MARKUP =
            List.of(rule("<style> element", "(?i)<style\\b"), rule("javascript: URL", "(?i)javascript:"));
    /** A start tag, its attribute values quoted or not (Jelly expressions may hold '>'). */
    private static final Pattern TAG = Pattern.compile(
            "<[a-zA-Z][\\w:.-]*((?:\\s+[^\\s=>/]+(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s>]+))?)*)\\s*/?>");

    private static final Pattern ATTRIBUTE =
            Pattern.compile("\\s([^\\s=>/]+)(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s>]+))?");
    private static final List<Rule> SCRIPT = List.of(
            rule(
                    "HTML from a non-constant string",
                    "\\.(inner|outer)HTML\\s*\\+?=(?!\\s*('[^'\\\\\\n]*'|\"[^\"\\\\\\n]*\")\\s*;)"),
            rule("HTML insertion", "insertAdjacentHTML|document\\.write|createContextualFragment|DOMParser"),
            rule("code from a string", "\\beval\\s*\\(|new\\s+Function\\s*\\(|set(Timeout|Interval)\\s*\\(\\s*['\"]"),
            rule(
                    "style set as an attribute",
                    "setAttribute\\s*\\(\\s*['\"]style['\"]|\\bstyle\\s*:\\s*['\"]|['\"]style['\"]\\s*:"),
            rule("handler set as an attribute", "setAttribute\\s*\\(\\s*['\"]on"),
            rule("markup with a style or handler", "(?i)<[a-z][^<>]*\\s(style|on[a-z]+)\\s*="),
            rule("<style> or <script> markup", "(?i)<(style|script)\\b"),
            rule("javascript: URL", "(?i)javascript:"));
    private static final Pattern SCRIPT_ELEMENT = Pattern.compile("(?is)<script\\b([^>]*?)(/?)>");
    private static final Pattern SCRIPT_END = Pattern.compile("(?i)</script\\s*>");
    private static final Pattern MARKUP_COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern CSS_COMMENT = Pattern.compile("(?s)/\\*.*?\\*/");

    private record Rule(String name, Pattern pattern) {}

    private static Rule rule(String name, String regex) {
        return new Rule(name, Pattern.compile(regex));
    }

    private PageRules() {}

    /** The view, script, style and help files under these folders. */
    static List<Path> files(Path... roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(f -> f.toString().matches(".*\\.(jelly|html|js|css)$"))
                        .sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }

    static List<String> check(Path file) throws IOException {
        return check(file.toString(), Files.readString(file));
    }

    /** The problems of one file, by its name's extension. */
    static List<String> check(String name, String text) {
        List<String> problems = new ArrayList<>();
        if (name.endsWith(".css")) {
            css(name, CSS_COMMENT.matcher(text).replaceAll(" "), problems);
        } else if (name.endsWith(".js")) {
            match(name, text, SCRIPT, problems);
        } else {
            String markup = MARKUP_COMMENT.matcher(text).replaceAll(" ");
            match(name, markup, MARKUP, problems);
            attributes(name, markup, problems);
            scripts(name, markup, problems);
        }
        return problems;
    }

    private static void match(String name, String text, List<Rule> rules, List<String> problems) {
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                problems.add(name + ":" + line(text, m.start()) + ": " + rule.name() + ": " + m.group());
            }
        }
    }

    /** No tag has a style attribute or an on* event handler attribute. */
    private static void attributes(String name, String markup, List<String> problems) {
        Matcher tag = TAG.matcher(markup);
        while (tag.find()) {
            Matcher attribute = ATTRIBUTE.matcher(tag.group(1));
            while (attribute.find()) {
                String attr = attribute.group(1).toLowerCase(java.util.Locale.ROOT);
                if (attr.equals("style") || attr.matches("on[a-z]+")) {
                    problems.add(name + ":" + line(markup, tag.start()) + ": "
                            + (attr.equals("style") ? "style attribute" : "inline event handler") + ": " + tag.group());
                }
            }
        }
    }

    /** Every script element loads a file: a src attribute and nothing inside. */
    private static void scripts(String name, String markup, List<String> problems) {
        Matcher m = SCRIPT_ELEMENT.matcher(markup);
        while (m.find()) {
            boolean hasSrc = m.group(1).matches("(?is).*\\ssrc\\s*=.*");
            boolean empty = !m.group(2).isEmpty();
            if (!empty) {
                Matcher end = SCRIPT_END.matcher(markup);
                empty = end.find(m.end())
                        && markup.substring(m.end(), end.start()).isBlank();
            }
            if (!hasSrc || !empty) {
                problems.add(name + ":" + line(markup, m.start()) + ": inline script: " + m.group());
            }
        }
    }

    /** Rules and @media/@supports blocks; any other at-rule, nested rule or unscoped selector is a problem. */
    private static void css(String name, String text, List<String> problems) {
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                if (!text.substring(i).isBlank()) {
                    problems.add(
                            name + ": text outside a rule: " + text.substring(i).strip());
                }
                return;
            }
            int close = closing(text, open);
            if (close < 0) {
                problems.add(name + ": unbalanced braces after "
                        + text.substring(i, open).strip());
                return;
            }
            String prelude = text.substring(i, open).strip();
            String block = text.substring(open + 1, close);
            if (prelude.startsWith("@media") || prelude.startsWith("@supports")) {
                css(name, block, problems);
            } else if (prelude.startsWith("@")) {
                problems.add(name + ": at-rule not allowed: " + prelude);
            } else {
                for (String selector : selectors(prelude)) {
                    if (!ROOT.matcher(selector).lookingAt()) {
                        problems.add(name + ": selector not under a plugin root class: " + selector);
                    }
                }
                if (block.indexOf('{') >= 0) {
                    problems.add(name + ": nested rule in " + prelude);
                }
            }
            i = close + 1;
        }
    }

    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            depth += text.charAt(i) == '{' ? 1 : text.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The selectors of a selector list, split at commas outside parentheses and brackets. */
    static List<String> selectors(String prelude) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < prelude.length(); i++) {
            char c = prelude.charAt(i);
            depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
            if (c == ',' && depth == 0) {
                out.add(prelude.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(prelude.substring(start).strip());
        return out;
    }

    private static int line(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
