package io.jenkins.plugins.scpuppet.manifest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Parses a {@code parameters} map (of the manifest, an account, a launch, ...): default, ssm or macro. */
final class ParameterParser {
    private static final Set<String> KEYS = Set.of("default", "ssm", "macro");

    private ParameterParser() {}

    static Map<String, ParameterSource> parse(Cursor c) {
        Map<String, ParameterSource> out = new LinkedHashMap<>();
        c.forEachEntry((name, p) -> {
            if (!p.onlyKnownKeys(KEYS)) {
                return;
            }
            int sources = (p.has("default") ? 1 : 0) + (p.has("ssm") ? 1 : 0) + (p.has("macro") ? 1 : 0);
            if (sources != 1) {
                p.error("give exactly one of default, ssm or macro");
                return;
            }
            if (p.has("default")) {
                String value = p.child("default").asString();
                if (value != null) {
                    out.put(name, new ParameterSource.Default(value));
                }
            } else if (p.has("ssm")) {
                Cursor ssm = p.child("ssm");
                if (ssm.onlyKnownKeys(Set.of("name", "region"))) {
                    String ssmName = ssm.string("name", true);
                    if (ssmName != null) {
                        out.put(name, new ParameterSource.Ssm(ssmName, ssm.string("region", false)));
                    }
                }
            } else {
                Cursor macro = p.child("macro");
                if (macro.onlyKnownKeys(Set.of("method", "args"))) {
                    String method = macro.string("method", true);
                    if (method != null && !method.equals("get_accounts_for_path")) {
                        macro.child("method")
                                .error("unknown macro '" + method + "'; the only macro is get_accounts_for_path");
                    }
                    out.put(name, new ParameterSource.Macro(method, macro.string("args", "/")));
                }
            }
        });
        return out;
    }
}
