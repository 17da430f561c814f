package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;
import java.util.Set;

/** Parses the targets of an item ({@code deploy_to}, {@code share_with}, {@code invoke_for}): tags or accounts, and their regions. */
final class DeployToParser {

    private DeployToParser() {}

    static DeployTo parse(Cursor item, String key, boolean required) {
        if (!item.has(key)) {
            if (required) {
                item.error("missing required key '" + key + "'");
            }
            return DeployTo.none(item.mark());
        }
        Cursor c = item.child(key);
        if (!c.onlyKnownKeys(Set.of("tags", "accounts"))) {
            return DeployTo.none(c.mark());
        }
        List<DeployTo.TagTarget> tags = c.has("tags")
                ? c.child("tags")
                        .asList(t -> t.onlyKnownKeys(Set.of("tag", "regions"))
                                ? new DeployTo.TagTarget(t.string("tag", true), regions(t), t.path, t.mark())
                                : null)
                : List.of();
        List<DeployTo.AccountTarget> accounts = c.has("accounts")
                ? c.child("accounts")
                        .asList(a -> a.onlyKnownKeys(Set.of("account_id", "regions"))
                                ? new DeployTo.AccountTarget(a.string("account_id", true), regions(a), a.path, a.mark())
                                : null)
                : List.of();
        if (!c.has("tags") && !c.has("accounts")) {
            c.error("targets nothing: give tags or accounts");
        }
        return new DeployTo(tags, accounts, c.mark());
    }

    private static RegionSelector regions(Cursor target) {
        if (!target.has("regions")) {
            return new RegionSelector.DefaultRegion();
        }
        Cursor r = target.child("regions");
        if (r.node instanceof YNode.YList) {
            return new RegionSelector.Explicit(r.asStrings());
        }
        String text = r.asString();
        if (text == null) {
            return new RegionSelector.DefaultRegion();
        }
        return switch (text) {
            case "default_region" -> new RegionSelector.DefaultRegion();
            case "enabled", "regions_enabled", "enabled_regions" -> new RegionSelector.Enabled();
            case "all" -> new RegionSelector.All();
            default -> {
                r.error("expected a list of regions or one of default_region, enabled, regions_enabled,"
                        + " enabled_regions, all; got '" + text + "'. For one region write [" + text + "]");
                yield new RegionSelector.DefaultRegion();
            }
        };
    }
}
