package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;

/** The {@code regions} of a deploy_to entry. */
public sealed interface RegionSelector {

    /** The regions this selects for an account, given the config's regions. */
    List<String> select(ExpandedAccount account, List<String> allRegions);

    /** Why the selection came out empty, for the warning. */
    String whyEmpty();

    /** The account's default_region (the default when {@code regions} is absent). */
    record DefaultRegion() implements RegionSelector {
        @Override
        public List<String> select(ExpandedAccount account, List<String> allRegions) {
            return account.defaultRegion() == null ? List.of() : List.of(account.defaultRegion());
        }

        @Override
        public String whyEmpty() {
            return "has no default_region";
        }
    }

    /** The account's regions_enabled (also spelt enabled, enabled_regions). */
    record Enabled() implements RegionSelector {
        @Override
        public List<String> select(ExpandedAccount account, List<String> allRegions) {
            return account.regionsEnabled();
        }

        @Override
        public String whyEmpty() {
            return "has no regions_enabled";
        }
    }

    /** Every region in the config's {@code regions}. */
    record All() implements RegionSelector {
        @Override
        public List<String> select(ExpandedAccount account, List<String> allRegions) {
            return allRegions;
        }

        @Override
        public String whyEmpty() {
            return "is targeted with regions: all, but the config lists no regions";
        }
    }

    record Explicit(List<String> regions) implements RegionSelector {
        @Override
        public List<String> select(ExpandedAccount account, List<String> allRegions) {
            return regions;
        }

        @Override
        public String whyEmpty() {
            return "is given an empty list of regions";
        }
    }
}
