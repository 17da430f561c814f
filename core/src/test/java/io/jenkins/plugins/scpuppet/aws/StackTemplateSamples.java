package io.jenkins.plugins.scpuppet.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Every shape of the stacks the tasks create through a PuppetRole, by a file name that says which. */
public final class StackTemplateSamples {
    private StackTemplateSamples() {}

    public static Map<String, ObjectNode> all() {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        out.put(
                "associations-one-principal",
                StackTemplates.associations("port-abcdefghijklm", List.of("arn:aws:iam::222222222222:role/Developer")));
        out.put(
                "associations-three-principals",
                StackTemplates.associations(
                        "port-abcdefghijklm",
                        List.of(
                                "arn:aws:iam::222222222222:role/Developer",
                                "arn:aws:iam::222222222222:role/Ops",
                                "arn:aws:iam::222222222222:role/servicecatalog-puppet/PuppetRole")));
        out.put(
                "launch-constraints",
                StackTemplates.launchConstraints(
                        "port-abcdefghijklm",
                        Map.of(
                                "prod-aaaaaaaaaaaaa", List.of("arn:aws:iam::222222222222:role/SCLaunchRole"),
                                "prod-bbbbbbbbbbbbb", List.of("arn:aws:iam::222222222222:role/SCLaunchRole"))));
        out.put("launch-constraints-none", StackTemplates.launchConstraints("port-abcdefghijklm", Map.of()));
        out.put(
                "sharing-policies-accounts-and-organization",
                SharingPolicies.template(List.of("222222222222", "333333333333"), List.of("o-abcdefghij")));
        out.put(
                "sharing-policies-over-50-accounts",
                SharingPolicies.template(
                        IntStream.range(0, 51)
                                .mapToObj(i -> String.format("2%011d", i))
                                .toList(),
                        List.of()));
        out.put("sharing-policies-none", SharingPolicies.template(List.of(), List.of()));
        return out;
    }
}
