package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scpuppet.bootstrap.PuppetRolePermissions;
import io.jenkins.plugins.scpuppet.bootstrap.PuppetRolePermissions.Grant;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Keeps the least-privilege policy equal to what the code calls through PuppetRole.
 *
 * <p>How: every client AwsClients hands out for an account is one of six SDK interfaces. The test reads the main
 * sources of core, cli and plugin; in each file that names one of these interfaces or its AwsClients accessor, every
 * {@code .name(} whose name is an operation of that interface (found by reflection, so it knows every operation the
 * SDK has) is a call, mapped to its IAM action (the operation's name, {@code Paginator} dropped; Lambda's invoke is
 * InvokeFunction). Reading names rather than tracing types over-approximates (a same-named builder method would count),
 * which fails loudly rather than letting a call through. The bootstrap package is left out: it runs as the caller or
 * through the access role of bootstrap-spokes-in-ou, never through a PuppetRole.
 */
class PuppetRolePermissionsTest {
    private static final Map<Class<?>, String> ROLE_CLIENTS = Map.of(
            ServiceCatalogClient.class, "servicecatalog",
            CloudFormationClient.class, "cloudformation",
            SsmClient.class, "ssm",
            LambdaClient.class, "lambda",
            CodeBuildClient.class, "codebuild",
            EventBridgeClient.class, "events");
    private static final Map<Class<?>, String> ACCESSORS = Map.of(
            ServiceCatalogClient.class, "serviceCatalog",
            CloudFormationClient.class, "cloudFormation",
            SsmClient.class, "ssm",
            LambdaClient.class, "lambda",
            CodeBuildClient.class, "codeBuild",
            EventBridgeClient.class, "eventBridge");
    private static final Map<String, String> ACTION_NAMES = Map.of("lambda:Invoke", "lambda:InvokeFunction");
    private static final Set<String> NOT_OPERATIONS =
            Set.of("close", "serviceName", "serviceClientConfiguration", "utilities", "waiter", "create", "builder");
    /**
     * What CloudFormation calls, with the PuppetRole's credentials, for each resource type of the stacks the code
     * creates through it. These types have no registry handlers; the actions are the Service Catalog and EventBridge
     * APIs that create, update, delete and read them, plus what assigning a launch role needs (Service Catalog admin
     * guide, constraints-launch: iam:PassRole, iam:Get*).
     */
    private static final Map<String, List<String>> STACK_RESOURCE_ACTIONS = Map.of(
            "AWS::ServiceCatalog::PortfolioPrincipalAssociation",
            List.of(
                    "servicecatalog:AssociatePrincipalWithPortfolio",
                    "servicecatalog:DisassociatePrincipalFromPortfolio",
                    "servicecatalog:ListPrincipalsForPortfolio"),
            "AWS::ServiceCatalog::LaunchRoleConstraint",
            List.of(
                    "servicecatalog:CreateConstraint",
                    "servicecatalog:UpdateConstraint",
                    "servicecatalog:DeleteConstraint",
                    "servicecatalog:DescribeConstraint",
                    "iam:GetRole",
                    "iam:PassRole"),
            "AWS::Events::EventBusPolicy",
            List.of("events:PutPermission", "events:RemovePermission", "events:DescribeEventBus"),
            "AWS::CloudFormation::WaitConditionHandle",
            List.of());

    private static final Pattern CALL = Pattern.compile("\\.(\\w+)\\s*\\(");

    /** action -> the files that call it. */
    private static Map<String, Set<String>> calledThroughRoles() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Path file : mainSources()) {
            String text = Files.readString(file);
            for (var client : ROLE_CLIENTS.entrySet()) {
                Class<?> type = client.getKey();
                if (!text.contains(type.getSimpleName()) && !text.contains("." + ACCESSORS.get(type) + "(")) {
                    continue;
                }
                Set<String> operations = operations(type);
                Matcher m = CALL.matcher(text);
                while (m.find()) {
                    String method = m.group(1);
                    assertThat(method)
                            .as("%s uses an SDK waiter: list the operations it polls in PuppetRolePermissions", file)
                            .isNotEqualTo("waiter");
                    if (operations.contains(method)) {
                        out.computeIfAbsent(action(client.getValue(), method), k -> new TreeSet<>())
                                .add(file.getFileName().toString());
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> operations(Class<?> client) {
        Set<String> names = new TreeSet<>();
        for (Method m : client.getMethods()) {
            if (m.getDeclaringClass() == client
                    && !Modifier.isStatic(m.getModifiers())
                    && !NOT_OPERATIONS.contains(m.getName())) {
                names.add(m.getName());
            }
        }
        return names;
    }

    private static String action(String prefix, String method) {
        String operation = method.endsWith("Paginator") ? method.substring(0, method.length() - 9) : method;
        String action = prefix + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
        return ACTION_NAMES.getOrDefault(action, action);
    }

    private static List<Path> mainSources() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent(); // surefire runs in the module's directory
        List<Path> out = new java.util.ArrayList<>();
        for (String module : List.of("core", "cli", "plugin")) {
            Path src = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                files.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> !p.toString().contains("/scpuppet/bootstrap/"))
                        .forEach(out::add);
            }
        }
        assertThat(out).as("main sources found from %s", root).hasSizeGreaterThan(50);
        return out;
    }

    /** Resource types of every stack the code creates through a PuppetRole, with sample arguments. */
    private static Set<String> stackResourceTypes() {
        Set<String> types = new TreeSet<>();
        for (JsonNode template : List.of(
                StackTemplates.associations("port-1", List.of("arn:aws:iam::1:role/a")),
                StackTemplates.launchConstraints("port-1", Map.of("prod-1", List.of("arn:aws:iam::1:role/l"))),
                StackTemplates.launchConstraints("port-1", Map.of()),
                SharingPolicies.template(List.of("222222222222"), List.of("o-1234567890")))) {
            template.path("Resources").forEach(r -> types.add(r.path("Type").asText()));
        }
        return types;
    }

    @Test
    void shouldListEveryActionTheCodeCallsThroughAPuppetRole() throws IOException {
        Map<String, Set<String>> called = calledThroughRoles();
        called.forEach((action, files) -> System.out.println(action + " <- " + files));
        Set<String> listed = PuppetRolePermissions.actions();

        assertThat(called)
                .as("the scan found the known calls")
                .containsKeys(
                        "servicecatalog:ProvisionProduct",
                        "cloudformation:CreateStack",
                        "ssm:PutParameter",
                        "lambda:InvokeFunction",
                        "codebuild:StartBuild",
                        "events:CreateEventBus",
                        "servicecatalog:ListPortfolios");
        Map<String, Set<String>> missing = new TreeMap<>(called);
        missing.keySet().removeAll(listed);
        assertThat(missing)
                .as("SDK calls through PuppetRole (action -> files) that PuppetRolePermissions does not list")
                .isEmpty();
    }

    @Test
    void shouldCoverWhatCloudFormationCallsForTheStacksTheCodeCreates() {
        Set<String> types = stackResourceTypes();
        assertThat(STACK_RESOURCE_ACTIONS.keySet())
                .as(
                        "a new resource type in a stack the PuppetRole creates: add the actions CloudFormation calls for it")
                .containsAll(types);
        types.forEach(t -> assertThat(PuppetRolePermissions.actions()).containsAll(STACK_RESOURCE_ACTIONS.get(t)));
    }

    @Test
    void shouldListNothingTheCodeDoesNotNeed() throws IOException {
        Set<String> needed = new TreeSet<>(calledThroughRoles().keySet());
        stackResourceTypes().forEach(t -> needed.addAll(STACK_RESOURCE_ACTIONS.get(t)));

        assertThat(PuppetRolePermissions.actions()).containsExactlyInAnyOrderElementsOf(needed);
    }

    /** Stack names in the sources (name prefixes, names given to describeStacks, STACK constants) have a grant. */
    @Test
    void shouldScopeCloudFormationToEveryStackNameTheCodeUses() throws IOException {
        Pattern names = Pattern.compile(
                "\"([A-Za-z0-9-]*-for-portfolio-)\"|stackName\\(\"([^\"]+)\"|STACK\\s*=\\s*\"([^\"]+)\"");
        Set<String> stackNames = new TreeSet<>();
        for (Path file : mainSources()) {
            Matcher m = names.matcher(Files.readString(file));
            while (m.find()) {
                stackNames.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
            }
        }
        assertThat(stackNames)
                .contains(
                        "associations-for-portfolio-",
                        "launch-constraints-v2-for-portfolio-",
                        "launch-constraints-for-portfolio-",
                        "SC-",
                        SharingPolicies.STACK,
                        "servicecatalog-puppet-shares");
        for (String name : stackNames) {
            String stack = name.endsWith("-") ? name + "x" : name; // a prefix, or a whole name
            String arn = "arn:aws:cloudformation:eu-west-1:111111111111:stack/" + stack + "/guid";
            for (String action : List.of("cloudformation:DescribeStacks")) {
                assertThat(allows(action, arn)).as("%s on %s", action, arn).isTrue();
            }
        }
        for (String created : List.of(
                "associations-for-portfolio-x", "launch-constraints-v2-for-portfolio-x", SharingPolicies.STACK)) {
            String arn = "arn:aws:cloudformation:eu-west-1:111111111111:stack/" + created + "/guid";
            for (String action :
                    List.of("cloudformation:CreateStack", "cloudformation:UpdateStack", "cloudformation:DeleteStack")) {
                assertThat(allows(action, arn)).as("%s on %s", action, arn).isTrue();
            }
        }
        assertThat(allows(
                        "cloudformation:DeleteStack",
                        "arn:aws:cloudformation:eu-west-1:111111111111:stack/" + "servicecatalog-puppet-spoke/guid"))
                .as("the PuppetRole cannot delete the stack that holds it")
                .isFalse();
    }

    @Test
    void shouldBeListedInTheSecurityPage() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "security.md"));
        for (Grant g : PuppetRolePermissions.grants()) {
            assertThat(page).as("docs/security.md, statement %s", g.sid()).contains("| " + g.sid() + " | ");
            g.actions().forEach(a -> assertThat(page).contains("`" + a + "`"));
        }
    }

    private static boolean allows(String action, String arn) {
        for (Grant g : PuppetRolePermissions.grants()) {
            if (!g.actions().contains(action)) {
                continue;
            }
            for (String resource : g.resources()) {
                String concrete =
                        resource.replace("${AWS::Partition}", "aws").replace("${AWS::AccountId}", "111111111111");
                if (glob(concrete).matcher(arn).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Pattern glob(String resource) {
        StringBuilder regex = new StringBuilder();
        for (char c : resource.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}
