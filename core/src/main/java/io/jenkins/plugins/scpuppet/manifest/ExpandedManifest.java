package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;
import java.util.Map;

/** The manifest with every account resolved and every item's targets listed, in manifest order. */
public record ExpandedManifest(
        Manifest manifest,
        ExpansionOptions options,
        List<ExpandedAccount> accounts,
        Map<String, List<Target>> launchTargets,
        Map<String, List<Target>> spokeLocalPortfolioTargets,
        Map<String, List<Target>> lambdaTargets,
        Map<String, ParameterSource> manifestParameters,
        List<Problem> warnings) {}
