package io.jenkins.plugins.scpuppet.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.manifest.AccountResolver.OrgAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpanderTest {
    private static final ExpansionOptions OPTIONS =
            new ExpansionOptions("111111111111", "eu-west-1", List.of("eu-west-1", "us-east-1", "ap-south-1"));

    private static Manifest parse(String yaml) throws ManifestException {
        return ManifestParser.parse(new YamlReader().read(yaml, "m.yaml"));
    }

    private static ExpandedManifest expand(String yaml, AccountResolver resolver) throws ManifestException {
        return new Expander(resolver).expand(parse(yaml), OPTIONS);
    }

    private static final String ACCOUNTS = """
            schema: puppet-2019-04-01
            parameters:
              Level: {default: manifest}
              Only: {default: manifest-only}
            accounts:
              - account_id: "111111111111"
                default_region: eu-west-1
                regions_enabled: [eu-west-1, eu-west-2]
                tags: [t:a]
                parameters:
                  Level: {default: account}
            """;

    @Test
    void shouldSelectRegionsAsUpstreamDoes() throws Exception {
        ExpandedManifest e = expand(ACCOUNTS + """
                launches:
                  d: {portfolio: p, product: x, version: v1, deploy_to: {tags: [{tag: "t:a"}]}}
                  en: {portfolio: p, product: x, version: v1, deploy_to: {tags: [{tag: "t:a", regions: enabled}]}}
                  syn: {portfolio: p, product: x, version: v1,
                        deploy_to: {tags: [{tag: "t:a", regions: enabled_regions}]}}
                  all: {portfolio: p, product: x, version: v1, deploy_to: {tags: [{tag: "t:a", regions: all}]}}
                  list: {portfolio: p, product: x, version: v1,
                         deploy_to: {accounts: [{account_id: "111111111111", regions: [us-west-2]}]}}
                """, AccountResolver.NONE);

        assertThat(regions(e, "d")).containsExactly("eu-west-1");
        assertThat(regions(e, "en")).containsExactly("eu-west-1", "eu-west-2");
        assertThat(regions(e, "syn")).containsExactly("eu-west-1", "eu-west-2");
        assertThat(regions(e, "all")).containsExactly("eu-west-1", "us-east-1", "ap-south-1");
        assertThat(regions(e, "list")).containsExactly("us-west-2");
    }

    private static List<String> regions(ExpandedManifest e, String launch) {
        return e.launchTargets().get(launch).stream().map(Target::region).toList();
    }

    @Test
    void shouldMergeParametersManifestThenLaunchThenAccount() throws Exception {
        ExpandedManifest e = expand(ACCOUNTS + """
                launches:
                  l:
                    portfolio: p
                    product: x
                    version: v1
                    parameters:
                      Level: {default: launch}
                      FromLaunch: {default: launch-only}
                    deploy_to: {tags: [{tag: "t:a"}]}
                """, AccountResolver.NONE);

        Target t = e.launchTargets().get("l").get(0);
        assertThat(t.parameters().get("Level")).isEqualTo(new ParameterSource.Default("account"));
        assertThat(t.parameters().get("FromLaunch")).isEqualTo(new ParameterSource.Default("launch-only"));
        assertThat(t.parameters().get("Only")).isEqualTo(new ParameterSource.Default("manifest-only"));
    }

    @Test
    void shouldListAPairSelectedTwiceOnce() throws Exception {
        ExpandedManifest e = expand(ACCOUNTS + """
                launches:
                  l:
                    portfolio: p
                    product: x
                    version: v1
                    deploy_to:
                      tags: [{tag: "t:a"}]
                      accounts: [{account_id: "111111111111", regions: [eu-west-1]}]
                """, AccountResolver.NONE);

        assertThat(e.launchTargets().get("l")).hasSize(1);
    }

    @Test
    void shouldResolveOusWithExclusionsAndSkipInactiveAccounts() throws Exception {
        StaticAccountResolver org = new StaticAccountResolver()
                .add(
                        "/workloads",
                        List.of(
                                new OrgAccount("200000000001", "a1", "a1@x", true, "o-1"),
                                new OrgAccount("200000000002", "a2", "a2@x", false, "o-1"),
                                new OrgAccount("200000000003", "a3", "a3@x", true, "o-1"),
                                new OrgAccount("200000000004", "a4", "a4@x", true, "o-1")))
                .add("ou-abcd-12345678", List.of(new OrgAccount("200000000004", "a4", "a4@x", true, "o-1")));
        ExpandedManifest e = expand("""
                schema: puppet-2019-04-01
                accounts:
                  - ou: /workloads
                    default_region: eu-west-1
                    tags: [env:prod]
                    exclude: {accounts: ["200000000003"], ous: [ou-abcd-12345678]}
                """, org);

        assertThat(e.accounts()).extracting(ExpandedAccount::accountId).containsExactly("200000000001");
        assertThat(e.accounts().get(0).expandedFrom()).isEqualTo("/workloads");
        assertThat(e.accounts().get(0).organization()).isEqualTo("o-1");
    }

    @Test
    void shouldAppendAndOverwriteAccountsListedAgain() throws Exception {
        StaticAccountResolver org = new StaticAccountResolver()
                .add("/prod", List.of(new OrgAccount("200000000001", "a1", "a1@x", true, "o-1")));
        ExpandedManifest e = expand("""
                schema: puppet-2019-04-01
                accounts:
                  - ou: /prod
                    default_region: eu-west-1
                    regions_enabled: [eu-west-1]
                    tags: [env:prod]
                  - account_id: "200000000001"
                    append: {tags: [team:net], regions_enabled: [us-east-1]}
                  - account_id: "111111111111"
                    default_region: eu-west-1
                    tags: [hub]
                  - account_id: "111111111111"
                    overwrite: {tags: [hub2], default_region: eu-west-2}
                """, org);

        ExpandedAccount a1 = e.accounts().get(0);
        assertThat(a1.tags()).containsExactly("env:prod", "team:net");
        assertThat(a1.regionsEnabled()).containsExactly("eu-west-1", "us-east-1");
        ExpandedAccount hub = e.accounts().get(1);
        assertThat(hub.tags()).containsExactly("hub2");
        assertThat(hub.defaultRegion()).isEqualTo("eu-west-2");
    }

    @Test
    void shouldEvaluateTheAccountsForPathMacro() throws Exception {
        StaticAccountResolver org = new StaticAccountResolver()
                .add(
                        "/",
                        List.of(
                                new OrgAccount("200000000001", "a", "e", true, "o"),
                                new OrgAccount("200000000002", "b", "e", true, "o")));
        ExpandedManifest e = expand("""
                schema: puppet-2019-04-01
                parameters:
                  All: {macro: {method: get_accounts_for_path, args: /}}
                accounts: []
                """, org);

        assertThat(e.manifestParameters().get("All"))
                .isEqualTo(new ParameterSource.Default("200000000001,200000000002"));
    }

    @Test
    void shouldWarnWhenATargetMatchesNothingOrHasNoRegions() throws Exception {
        ExpandedManifest e = expand("""
                schema: puppet-2019-04-01
                accounts:
                  - account_id: "111111111111"
                    default_region: eu-west-1
                    tags: [type:hub]
                launches:
                  l:
                    portfolio: p
                    product: x
                    version: v1
                    deploy_to:
                      tags:
                        - {tag: "type:hbu"}
                        - {tag: "type:hub", regions: enabled}
                """, AccountResolver.NONE);

        assertThat(e.warnings())
                .extracting(Problem::toString)
                .containsExactly(
                        "warning: m.yaml:13:11: launches.l.deploy_to.tags[0].tag: no account has tag 'type:hbu' (did you mean"
                                + " 'type:hub'?), so this target deploys nowhere",
                        "warning: m.yaml:14:11: launches.l.deploy_to.tags[1].regions: account 111111111111 has no"
                                + " regions_enabled, so nothing deploys there");
    }

    @Test
    void shouldRefuseAppendForAnAccountNotListedBefore() {
        assertThatThrownBy(() -> expand("""
                schema: puppet-2019-04-01
                accounts:
                  - account_id: "111111111111"
                    append: {tags: [x]}
                """, AccountResolver.NONE))
                .hasMessageContaining("accounts[0]: account 111111111111 uses append/overwrite, but no earlier entry"
                        + " defines it");
    }

    @Test
    void shouldFillPlaceholders() {
        assertThat(Placeholders.fill("/a/${AWS::AccountId}/${AWS::Region}", "1", "r"))
                .isEqualTo("/a/1/r");
        assertThat(Placeholders.fill("plain", "1", "r")).isEqualTo("plain");
    }
}
