package io.jenkins.plugins.scpuppet.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plugin's views (Jelly), help pages, scripts and styles keep {@link PageRules}; and the rules catch each kind
 * of mistake, planted in a snippet (several are the lines the pages had before they were fixed).
 */
class PageRulesTest {
    private static final Path PLUGIN = Path.of("..", "plugin", "src", "main");

    @Test
    void shouldFindNoInlineStyleOrScriptAndOnlyScopedSelectorsInThePluginsFiles() throws Exception {
        List<Path> files = PageRules.files(PLUGIN.resolve("webapp"), PLUGIN.resolve("resources"));
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            problems.addAll(PageRules.check(file));
        }

        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .contains(
                        "report.css",
                        "report.js",
                        "summary.js",
                        "trend.js",
                        "report.html",
                        "index.jelly",
                        "summary.jelly",
                        "floatingBox.jelly");
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                // scripts
                "a.js | label.innerHTML = '<input type=\"checkbox\" value=\"' + s + '\" checked>';",
                "a.js | rows.innerHTML = html.join('');",
                "a.js | box.innerHTML += '<p>' + x + '</p>';",
                "a.js | el.outerHTML = x;",
                "a.js | el.insertAdjacentHTML('beforeend', x);",
                "a.js | document.write(x);",
                "a.js | eval(x);",
                "a.js | setTimeout('go()', 1);",
                "a.js | var g = node('g', { 'data-build': b.build, tabindex: '0', style: 'cursor:pointer' }, svg);",
                "a.js | el.setAttribute('style', 'color: red');",
                "a.js | el.setAttribute(\"onclick\", x);",
                "a.js | var s = '<span style=\"color:red\">' ;",
                "a.js | var s = '<img src=x onerror=alert(1)>';",
                "a.js | var s = '<script>x()</' + 'script>';",
                "a.js | location.href = 'javascript:void 0';",
                // markup
                "a.jelly | <div style=\"float:right\"/>",
                "a.jelly | <style>.x { color: red }</style>",
                "a.jelly | <script>var x = 1;</script>",
                "a.jelly | <script src=\"a.js\">go();</script>",
                "a.jelly | <script/>",
                "a.html | <a href=\"#\" onclick=\"go()\">go</a>",
                "a.html | <BODY ONLOAD=go()>",
                "a.html | <a href=\"javascript:go()\">go</a>",
                // styles
                "a.css | fieldset { border: 1px solid; }",
                "a.css | select, input { padding: 4px; }",
                "a.css | .puppet-report .row, .row { height: 28px; }",
                "a.css | :root { --x: 1; }",
                "a.css | * { box-sizing: border-box; }",
                "a.css | .puppet-reporter { color: red; }",
                "a.css | body.puppet-standalone { margin: 0; }",
                "a.css | @media (prefers-color-scheme: dark) { legend { color: #fff; } }",
                "a.css | @import url(https://example.com/x.css); .puppet-card { color: red; }",
                "a.css | .puppet-card { color: red; .x { color: blue; } }"
            })
    void shouldFlagEachPlantedMistake(String name, String snippet) {
        assertThat(PageRules.check(name, snippet)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "a.js | cell.textContent = t.family;",
                "a.js | rows.innerHTML = '';",
                "a.js | rows.textContent = ''; rows.appendChild(fragment);",
                "a.js | $('spacer').style.height = (visible.length * ROW) + 'px';",
                "a.js | chart.setOption({ textStyle: { color: c }, tooltip: { renderMode: 'richText' } });",
                "a.js | var one = 1; if (i < last) { go(); }",
                "a.jelly | <script src=\"${res}/report.js\"/>",
                "a.jelly | <script src=\"a.js\"></script>",
                "a.jelly | <!-- no style=\"x\" here: it is a comment --><div class=\"puppet-card\" data-summary=\"${it.x}\"/>",
                "a.html | <p>Only one = allowed.</p>",
                "a.css | .puppet-report .head button[aria-sort=\"ascending\"]::after { content: \" \\25B2\"; }",
                "a.css | .puppet-report, .puppet-card, .puppet-trend { --fg: var(--text-color, #14141f); }",
                "a.css | @media (prefers-color-scheme: dark) { .puppet-standalone { --background: #1b1b23; } }",
                "a.css | /* body { } */ .puppet-trend .bar[data-href] { cursor: pointer; }",
                "a.css | .puppet-report :is(.a, .b) { color: red; }"
            })
    void shouldLeaveCorrectCodeAlone(String name, String snippet) {
        assertThat(PageRules.check(name, snippet)).isEmpty();
    }
}
