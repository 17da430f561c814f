package io.jenkins.plugins.scpuppet.manifest;

import java.util.Map;
import java.util.Set;

/** Parses one entry of {@code actions}: a CodeBuild project run before or after a launch. */
final class ActionParser {
    static final Set<String> KEYS = Set.of("type", "project_name", "account_id", "region", "parameters");

    private ActionParser() {}

    static Action parse(String name, Cursor c) {
        String type = c.string("type", true);
        if (type != null && !type.equals("codebuild")) {
            c.child("type").error("the only action type is codebuild, got '" + type + "'");
        }
        String account = c.string("account_id", true);
        if (account != null && !account.matches("\\d{12}")) {
            c.child("account_id").error("an account id is 12 digits, got '" + account + "'");
        }
        return new Action(
                name,
                type,
                c.string("project_name", true),
                account,
                c.string("region", true),
                c.has("parameters") ? ParameterParser.parse(c.child("parameters")) : Map.of(),
                c.mark());
    }
}
