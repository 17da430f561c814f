package io.jenkins.plugins.scpuppet.manifest;

import io.jenkins.plugins.scpuppet.manifest.YNode.YMap;
import io.jenkins.plugins.scpuppet.manifest.YNode.YScalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a located YAML tree into a {@link Manifest}, checking it against schema {@code puppet-2019-04-01} and the
 * rules upstream applies in code. Every problem is collected; {@link #parse} throws once with all of them.
 */
public final class ManifestParser {
    static final Set<String> TOP = Set.of(
            "schema",
            "parameters",
            "accounts",
            "launches",
            "spoke-local-portfolios",
            "lambda-invocations",
            "actions",
            "configuration");
    /** Sections of later upstream versions: refused by name rather than silently ignored. */
    static final Set<String> LATER = Set.of(
            "stacks",
            "apps",
            "workspaces",
            "assertions",
            "code-build-runs",
            "service-control-policies",
            "tag-policies",
            "simulate-policies",
            "imported-portfolios",
            "organizational-units",
            "mappings",
            "c7n-aws-lambdas");

    private static final Set<String> PARAMETER = Set.of("default", "ssm", "macro");
    private static final Set<String> ACCOUNT = Set.of(
            "account_id",
            "ou",
            "name",
            "email",
            "default_region",
            "regions_enabled",
            "enabled",
            "enabled_regions",
            "tags",
            "parameters",
            "exclude",
            "append",
            "overwrite",
            "expanded_from",
            "organization");
    private static final Set<String> LAUNCH = Set.of(
            "portfolio",
            "product",
            "version",
            "status",
            "execution",
            "parameters",
            "deploy_to",
            "outputs",
            "depends_on",
            "retry_count",
            "requested_priority",
            "timeoutInSeconds",
            "pre_actions",
            "post_actions",
            "configuration");
    private static final Set<String> SPOKE_LOCAL = Set.of(
            "portfolio",
            "deploy_to",
            "share_with",
            "associations",
            "constraints",
            "product_generation_method",
            "status",
            "depends_on");
    private static final Set<String> LAMBDA =
            Set.of("function_name", "qualifier", "invocation_type", "parameters", "invoke_for", "depends_on");
    private static final Set<String> ACTION = Set.of("type", "project_name", "account_id", "region", "parameters");
    private static final Set<String> INVOCATION_TYPES = Set.of("RequestResponse", "Event", "DryRun");

    private final Problems problems = new Problems();

    private ManifestParser() {}

    /** Parses and validates; warnings travel in {@link Manifest#warnings()}. */
    public static Manifest parse(YNode root) throws ManifestException {
        ManifestParser parser = new ManifestParser();
        Manifest manifest = parser.manifest(new Cursor(root, "", parser.problems));
        parser.problems.throwIfAny();
        return manifest;
    }

    private Manifest manifest(Cursor root) {
        YMap map = root.asMap();
        if (map == null) {
            return null;
        }
        for (String key : map.entries().keySet()) {
            if (LATER.contains(key)) {
                problems.error(
                        map.keyMarks().get(key),
                        key,
                        "section '" + key
                                + "' (from a later servicecatalog-puppet) is not supported yet; remove it or deploy it"
                                + " with upstream");
            }
        }
        Set<String> known = new java.util.HashSet<>(TOP);
        known.addAll(LATER);
        root.onlyKnownKeys(known);
        String schema = root.string("schema", true);
        if (schema != null && !Manifest.SCHEMA.equals(schema)) {
            root.child("schema").error("expected '" + Manifest.SCHEMA + "', got '" + schema + "'");
        }
        Map<String, ParameterSource> parameters =
                root.has("parameters") ? parameters(root.child("parameters")) : Map.of();
        List<Account> accounts = root.has("accounts") ? root.child("accounts").asList(this::account) : List.of();
        Map<String, Launch> launches = items(root, "launches", LAUNCH, this::launch);
        Map<String, SpokeLocalPortfolio> spokeLocal =
                items(root, "spoke-local-portfolios", SPOKE_LOCAL, this::spokeLocal);
        Map<String, LambdaInvocation> lambdas = items(root, "lambda-invocations", LAMBDA, this::lambda);
        Map<String, Action> actions = items(root, "actions", ACTION, this::action);
        Integer retryCount = null;
        if (root.has("configuration")) {
            Cursor c = root.child("configuration");
            c.onlyKnownKeys(Set.of("retry_count"));
            retryCount = c.node instanceof YMap ? c.integer("retry_count", 1, 100) : null;
        }
        Manifest manifest = new Manifest(
                schema, parameters, accounts, launches, spokeLocal, lambdas, actions, retryCount, List.of());
        new ManifestRules(manifest, problems).check();
        return new Manifest(
                schema, parameters, accounts, launches, spokeLocal, lambdas, actions, retryCount, problems.warnings());
    }

    private <T> Map<String, T> items(Cursor root, String key, Set<String> known, ItemParser<T> parser) {
        Map<String, T> out = new LinkedHashMap<>();
        if (root.has(key)) {
            Cursor section = root.child(key);
            if (section.node instanceof YScalar s && s.kind() == YNode.Kind.NULL) {
                return out;
            }
            section.forEachEntry((name, c) -> {
                if (c.onlyKnownKeys(known)) {
                    T item = parser.parse(name, c);
                    if (item != null) {
                        out.put(name, item);
                    }
                }
            });
        }
        return out;
    }

    /** Parses one named item of a section. */
    @FunctionalInterface
    private interface ItemParser<T> {
        T parse(String name, Cursor c);
    }

    Map<String, ParameterSource> parameters(Cursor c) {
        Map<String, ParameterSource> out = new LinkedHashMap<>();
        c.forEachEntry((name, p) -> {
            if (!p.onlyKnownKeys(PARAMETER)) {
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

    private Account account(Cursor c) {
        if (!c.onlyKnownKeys(ACCOUNT)) {
            return null;
        }
        String accountId = c.string("account_id", false);
        String ou = c.string("ou", false);
        if ((accountId == null) == (ou == null)) {
            c.error("give exactly one of account_id or ou");
        }
        if (accountId != null && !accountId.matches("\\d{12}")) {
            c.child("account_id")
                    .error("an account id is 12 digits, got '" + accountId + "'; quote it so YAML keeps leading zeros");
        }
        if (ou != null && !ou.matches("/|(/[^/]{1,250})+|ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32}")) {
            c.child("ou")
                    .error("expected an OU id (ou-xxxx-xxxxxxxx), a root id (r-xxxx) or a path such as"
                            + " /workloads/prod, got '" + ou + "'");
        }
        Account.Changes append = c.has("append") ? changes(c.child("append"), false) : null;
        Account.Changes overwrite = c.has("overwrite") ? changes(c.child("overwrite"), true) : null;
        List<String> regions = regionsEnabled(c);
        if ((append != null || overwrite != null) && (c.has("default_region") || !regions.isEmpty() || c.has("tags"))) {
            c.error("with append or overwrite, put default_region, regions_enabled and tags inside that block");
        }
        if (append == null && overwrite == null && !c.has("default_region")) {
            c.error("missing required key 'default_region'");
        }
        List<String> excludeAccounts = List.of();
        List<String> excludeOus = List.of();
        if (c.has("exclude")) {
            Cursor ex = c.child("exclude");
            if (ou == null) {
                ex.error("exclude applies only to ou entries");
            }
            if (ex.onlyKnownKeys(Set.of("accounts", "ous"))) {
                excludeAccounts = ex.strings("accounts");
                excludeOus = ex.strings("ous");
            }
        }
        return new Account(
                accountId,
                ou,
                c.string("name", false),
                c.string("email", false),
                c.string("default_region", false),
                regions,
                c.strings("tags"),
                c.has("parameters") ? parameters(c.child("parameters")) : Map.of(),
                excludeAccounts,
                excludeOus,
                append,
                overwrite,
                c.path,
                c.mark());
    }

    private List<String> regionsEnabled(Cursor c) {
        List<String> keys = List.of("regions_enabled", "enabled", "enabled_regions").stream()
                .filter(c::has)
                .toList();
        if (keys.size() > 1) {
            c.error("use one of regions_enabled, enabled, enabled_regions (they are synonyms), not " + keys);
        }
        return keys.isEmpty() ? List.of() : c.strings(keys.get(0));
    }

    private Account.Changes changes(Cursor c, boolean overwrite) {
        Set<String> known =
                overwrite ? Set.of("tags", "regions_enabled", "default_region") : Set.of("tags", "regions_enabled");
        if (!c.onlyKnownKeys(known)) {
            return null;
        }
        return new Account.Changes(
                c.strings("tags"), c.strings("regions_enabled"), overwrite ? c.string("default_region", false) : null);
    }

    private Launch launch(String name, Cursor c) {
        Launch.Status status = c.enumValue("status", Launch.Status.class, Launch.Status.PROVISIONED);
        Launch.Execution execution = c.enumValue("execution", Launch.Execution.class, Launch.Execution.HUB);
        Integer retry = c.integer("retry_count", 1, 100);
        Integer priority = c.integer("requested_priority", -1_000_000, 1_000_000);
        if (c.has("configuration")) {
            Cursor conf = c.child("configuration");
            if (conf.onlyKnownKeys(Set.of("retry_count", "requested_priority"))) {
                Integer r = conf.integer("retry_count", 1, 100);
                Integer p = conf.integer("requested_priority", -1_000_000, 1_000_000);
                retry = r != null ? r : retry;
                priority = p != null ? p : priority;
            }
        }
        c.integer("timeoutInSeconds", 0, 86_400 * 7);
        List<Launch.SsmOutput> outputs = List.of();
        if (c.has("outputs")) {
            Cursor out = c.child("outputs");
            if (out.onlyKnownKeys(Set.of("ssm")) && out.has("ssm")) {
                outputs = out.child("ssm")
                        .asList(o -> o.onlyKnownKeys(Set.of("param_name", "stack_output", "region"))
                                ? new Launch.SsmOutput(
                                        o.string("param_name", true),
                                        o.string("stack_output", true),
                                        o.string("region", false))
                                : null);
            }
            if (!outputs.isEmpty() && execution != Launch.Execution.HUB) {
                out.error("outputs.ssm are written only when execution is hub, but this launch runs with execution: "
                        + execution.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new Launch(
                name,
                c.string("portfolio", true),
                c.string("product", true),
                c.string("version", true),
                status,
                execution,
                c.has("parameters") ? parameters(c.child("parameters")) : Map.of(),
                deployTo(c, "deploy_to", true),
                outputs,
                dependsOn(c),
                retry,
                priority,
                actionRefs(c, "pre_actions"),
                actionRefs(c, "post_actions"),
                c.mark());
    }

    private SpokeLocalPortfolio spokeLocal(String name, Cursor c) {
        if (c.has("deploy_to") && c.has("share_with")) {
            c.error("give deploy_to or share_with (they are synonyms), not both");
        }
        DeployTo targets = deployTo(c, c.has("share_with") ? "share_with" : "deploy_to", true);
        List<SpokeLocalPortfolio.LaunchConstraint> constraints = List.of();
        if (c.has("constraints")) {
            Cursor con = c.child("constraints");
            if (con.onlyKnownKeys(Set.of("launch")) && con.has("launch")) {
                constraints = con.child("launch").asList(this::launchConstraint);
            }
        }
        return new SpokeLocalPortfolio(
                name,
                c.string("portfolio", true),
                targets,
                c.strings("associations"),
                constraints,
                c.enumValue(
                        "product_generation_method",
                        SpokeLocalPortfolio.GenerationMethod.class,
                        SpokeLocalPortfolio.GenerationMethod.COPY),
                c.enumValue("status", SpokeLocalPortfolio.Status.class, SpokeLocalPortfolio.Status.SHARED),
                dependsOn(c),
                c.mark());
    }

    private SpokeLocalPortfolio.LaunchConstraint launchConstraint(Cursor c) {
        if (!c.onlyKnownKeys(Set.of("product", "products", "roles"))) {
            return null;
        }
        String product = c.string("product", false);
        String products = c.string("products", false);
        if ((product == null) == (products == null)) {
            c.error("give exactly one of product (a name) or products (a regular expression)");
        }
        if (products != null) {
            try {
                java.util.regex.Pattern.compile(products);
            } catch (java.util.regex.PatternSyntaxException e) {
                c.child("products").error("not a valid regular expression: " + e.getDescription());
            }
        }
        List<String> roles = c.strings("roles");
        if (roles.isEmpty()) {
            c.error("missing required key 'roles' (a list of IAM role ARNs)");
        }
        return new SpokeLocalPortfolio.LaunchConstraint(product, products, roles);
    }

    private LambdaInvocation lambda(String name, Cursor c) {
        String type = c.string("invocation_type", true);
        if (type != null && !INVOCATION_TYPES.contains(type)) {
            c.child("invocation_type")
                    .error("expected one of Event, RequestResponse, DryRun, got '" + type + "'"
                            + Problems.didYouMean(type, INVOCATION_TYPES));
        }
        return new LambdaInvocation(
                name,
                c.string("function_name", true),
                c.string("qualifier", "$LATEST"),
                type,
                c.has("parameters") ? parameters(c.child("parameters")) : Map.of(),
                deployTo(c, "invoke_for", true),
                dependsOn(c),
                c.mark());
    }

    private Action action(String name, Cursor c) {
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
                c.has("parameters") ? parameters(c.child("parameters")) : Map.of(),
                c.mark());
    }

    private DeployTo deployTo(Cursor item, String key, boolean required) {
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

    private RegionSelector regions(Cursor target) {
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

    private List<DependsOn> dependsOn(Cursor item) {
        if (!item.has("depends_on")) {
            return List.of();
        }
        return item.child("depends_on").asList(d -> {
            if (d.node instanceof YScalar) {
                String name = d.asString();
                return name == null ? null : new DependsOn(name, DependsOn.Section.LAUNCH, d.path, d.mark());
            }
            if (!d.onlyKnownKeys(Set.of("name", "type", "affinity"))) {
                return null;
            }
            String type = d.string("type", "launch");
            DependsOn.Section section = null;
            for (DependsOn.Section s : DependsOn.Section.values()) {
                if (s.type().equals(type)) {
                    section = s;
                }
            }
            if (section == null) {
                d.child("type")
                        .error("expected launch, lambda-invocation or spoke-local-portfolio, got '" + type + "'");
                return null;
            }
            String name = d.string("name", true);
            return name == null ? null : new DependsOn(name, section, d.path, d.mark());
        });
    }

    private List<ActionRef> actionRefs(Cursor item, String key) {
        if (!item.has(key)) {
            return List.of();
        }
        return item.child(key)
                .asList(a -> a.onlyKnownKeys(Set.of("name"))
                        ? new ActionRef(a.string("name", true), a.path, a.mark())
                        : null);
    }
}
