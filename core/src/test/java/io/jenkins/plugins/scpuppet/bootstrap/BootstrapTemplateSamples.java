package io.jenkins.plugins.scpuppet.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every shape of the hub and spoke templates bootstrap generates, by a file name that says which. */
public final class BootstrapTemplateSamples {
    private static final String HUB = "111111111111";

    private BootstrapTemplateSamples() {}

    public static Map<String, ObjectNode> all() {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (String kms : new String[] {null, "arn:aws:kms:eu-west-1:111111111111:key/abcd-1234"}) {
            for (boolean events : new boolean[] {false, true}) {
                for (String spokeVersion : new String[] {null, "0.84.0"}) {
                    String name = "hub" + (kms == null ? "" : "-kms") + (events ? "-event-bus" : "")
                            + (spokeVersion == null ? "" : "-spoke-version");
                    out.put(
                            name,
                            BootstrapTemplates.hub(
                                    HUB, "eu-west-1", new BootstrapOptions(30, kms, events, spokeVersion)));
                }
            }
        }
        out.put(
                "hub-cache-writers",
                BootstrapTemplates.hub(
                        HUB,
                        "eu-west-1",
                        BootstrapOptions.DEFAULT.withCacheWriters(List.of(
                                "arn:aws:iam::" + HUB + ":role/jenkins/agent",
                                "arn:aws:iam::" + HUB + ":role/ops/*"))));
        String boundary = "arn:aws:iam::222222222222:policy/puppet-boundary";
        List<String> principals =
                List.of("arn:aws:iam::" + HUB + ":role/jenkins/agent", "arn:aws:iam::" + HUB + ":role/ops/*");
        out.put("spoke-default", spoke(SpokeOptions.DEFAULT));
        out.put("spoke-least-privilege", spoke(new SpokeOptions(true, null, List.of(), false)));
        out.put("spoke-boundary", spoke(new SpokeOptions(false, boundary, List.of(), false)));
        out.put("spoke-deploy-in-spoke", spoke(new SpokeOptions(false, null, List.of(), true)));
        out.put("spoke-hub-principals", spoke(new SpokeOptions(false, null, principals, false)));
        out.put(
                "spoke-least-privilege-boundary-hub-principals",
                spoke(new SpokeOptions(true, boundary, principals, false)));
        out.put(
                "spoke-deploy-in-spoke-boundary-hub-principals",
                spoke(new SpokeOptions(false, boundary, principals, true)));
        return out;
    }

    private static ObjectNode spoke(SpokeOptions options) {
        return BootstrapTemplates.spoke(HUB, options);
    }
}
