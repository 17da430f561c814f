package io.jenkins.plugins.scpuppet.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What can be checked of the Jelly views without a running Jenkins: each is well-formed XML, every {@code ${it.x}}
 * names a property of the class the view belongs to, and every step form field has a getter (the snippet generator
 * reads it), a way to be bound (constructor or {@code @DataBoundSetter}) and a help file. Rendering is left to the
 * JenkinsRule tests of the real build.
 */
class JellyViewsTest {
    private static final Path RESOURCES = Path.of("..", "plugin", "src", "main", "resources");
    private static final Pattern IT_PROPERTY = Pattern.compile("\\$\\{it\\.([a-zA-Z]+)");
    /** floatingBox.jelly is included with "it" the job and "action" the action (core's projectActionFloatingBox). */
    private static final Pattern ACTION_PROPERTY = Pattern.compile("\\$\\{action\\.([a-zA-Z]+)");
    private static final Pattern FIELD = Pattern.compile("field=\"([a-zA-Z]+)\"");

    /** Every Jelly file, the plugin's own index.jelly (its description, at the top) included. */
    private static List<Path> jellyFiles() throws Exception {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(f -> f.toString().endsWith(".jelly")).sorted().toList();
        }
    }

    /** The views of classes: the Jelly files in a class's resource folder. */
    private static List<Path> views() throws Exception {
        return jellyFiles().stream()
                .filter(f -> !f.getParent().equals(RESOURCES))
                .toList();
    }

    /** io/jenkins/plugins/scpuppet/ui/PuppetRunAction/index.jelly belongs to ...ui.PuppetRunAction. */
    private static Class<?> owner(Path view) throws Exception {
        String name = RESOURCES.relativize(view.getParent()).toString().replace(java.io.File.separatorChar, '.');
        return Class.forName(name);
    }

    private static boolean hasProperty(Class<?> type, String property) {
        String cap = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        return Arrays.stream(type.getMethods())
                .anyMatch(m -> m.getParameterCount() == 0
                        && (m.getName().equals("get" + cap) || m.getName().equals("is" + cap)));
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void shouldBeWellFormedAndUseOnlyPropertiesTheirClassHas() throws Exception {
        List<Path> views = views();
        assertThat(views).hasSizeGreaterThanOrEqualTo(7);
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setNamespaceAware(true);
        List<String> problems = new ArrayList<>();
        for (Path view : views) {
            xml.newDocumentBuilder().parse(view.toFile()); // throws on malformed XML, naming line and column
            Class<?> owner = owner(view);
            boolean floatingBox = view.getFileName().toString().equals("floatingBox.jelly");
            for (String property : matches(floatingBox ? ACTION_PROPERTY : IT_PROPERTY, Files.readString(view))) {
                if (!hasProperty(owner, property)) {
                    problems.add(view.getFileName() + " of " + owner.getSimpleName() + ": no property " + property);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Stored reports and build names reach these views: every one escapes each ${...} by default (the processing
     * instruction on its first line) and none writes raw output with j:out.
     */
    @Test
    void shouldEscapeEveryExpressionByDefault() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path view : jellyFiles()) {
            String text = Files.readString(view);
            if (!text.startsWith("<?jelly escape-by-default='true'?>")) {
                problems.add(RESOURCES.relativize(view) + ": first line is not <?jelly escape-by-default='true'?>");
            }
            if (text.contains("<j:out")) {
                problems.add(RESOURCES.relativize(view) + ": j:out writes unescaped output");
            }
        }
        assertThat(jellyFiles()).hasSizeGreaterThanOrEqualTo(7);
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldGiveEveryStepFieldAGetterABindingAndAHelpFile() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path view : views()) {
            if (!view.getFileName().toString().equals("config.jelly")) {
                continue;
            }
            Class<?> step = owner(view);
            int constructorArgs = Arrays.stream(step.getConstructors())
                    .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class))
                    .findFirst()
                    .orElseThrow()
                    .getParameterCount();
            Set<String> fields = matches(FIELD, Files.readString(view));
            long setters = 0;
            for (String field : fields) {
                String cap = Character.toUpperCase(field.charAt(0)) + field.substring(1);
                if (!hasProperty(step, field)) {
                    problems.add(step.getSimpleName() + "." + field + ": no getter");
                }
                boolean setter = Arrays.stream(step.getMethods())
                        .filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                        .map(Method::getName)
                        .anyMatch(("set" + cap)::equals);
                setters += setter ? 1 : 0;
                if (!Files.exists(view.resolveSibling("help-" + field + ".html"))) {
                    problems.add(step.getSimpleName() + "." + field + ": no help-" + field + ".html");
                }
            }
            // What no setter binds, the constructor must: one parameter per such field.
            if (fields.size() - setters != constructorArgs) {
                problems.add(step.getSimpleName() + ": " + (fields.size() - setters)
                        + " fields without a setter, but the constructor takes " + constructorArgs);
            }
            try (Stream<Path> helps = Files.list(view.getParent())) {
                helps.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("help-"))
                        .map(n -> n.substring(5, n.length() - 5))
                        .filter(f -> !fields.contains(f))
                        .forEach(f -> problems.add(step.getSimpleName() + ": help-" + f + ".html for no field"));
            }
        }
        assertThat(problems).isEmpty();
    }
}
