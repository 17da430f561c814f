package io.jenkins.plugins.scpuppet.tasks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.TaskGraph;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import java.util.Map;

/** The static task graph as JSON (for scripts and golden tests) and as Graphviz DOT (for people). */
public final class GraphExport {
    private GraphExport() {}

    /** {tasks: [{id, family, cacheable, parameters, requires: [ids]}]}, in discovery order. */
    public static ObjectNode json(TaskGraph graph) {
        ObjectNode doc = TaskFactory.JSON.createObjectNode();
        doc.put("tasks_total", graph.size());
        ArrayNode tasks = doc.putArray("tasks");
        for (TaskSpec spec : graph.tasks().values()) {
            ObjectNode t = tasks.addObject();
            t.put("id", spec.key().id());
            t.put("family", spec.key().family());
            t.put("cacheable", spec.family().cacheable());
            ObjectNode params = t.putObject("parameters");
            spec.key().parameters().forEach(params::put);
            ArrayNode requires = t.putArray("requires");
            spec.requirements().forEach(r -> requires.add(r.key().id()));
        }
        return doc;
    }

    /** A digraph with an edge from each task to what it requires; cacheable tasks are drawn as boxes. */
    public static String dot(TaskGraph graph) {
        StringBuilder out = new StringBuilder("digraph puppet {\n  rankdir=LR;\n  node [fontsize=10];\n");
        for (Map.Entry<io.jenkins.plugins.scpuppet.engine.TaskKey, TaskSpec> e :
                graph.tasks().entrySet()) {
            TaskSpec spec = e.getValue();
            out.append("  ")
                    .append(quote(spec.key().id()))
                    .append(" [label=")
                    .append(quote(label(spec)))
                    .append(spec.family().cacheable() ? ", shape=box" : ", shape=ellipse")
                    .append("];\n");
            for (TaskSpec r : spec.requirements()) {
                out.append("  ")
                        .append(quote(spec.key().id()))
                        .append(" -> ")
                        .append(quote(r.key().id()))
                        .append(";\n");
            }
        }
        return out.append("}\n").toString();
    }

    private static String label(TaskSpec spec) {
        StringBuilder l = new StringBuilder(spec.key().family());
        spec.key()
                .parameters()
                .forEach((k, v) -> l.append("\n").append(k).append("=").append(v));
        return l.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
