package io.jenkins.plugins.scpuppet.tasks;

import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import java.nio.file.Path;
import java.util.List;

/** The demo manifest, expanded, with operations that know its SSM inputs. */
final class DemoFixture {
    static final Path MANIFESTS =
            Path.of("..", "test-resources", "manifests").toAbsolutePath().normalize();
    static final Path DEMO = MANIFESTS.resolve("demo/manifest.yaml");
    static final String PUPPET = "111111111111";
    static final ExpansionOptions OPTIONS =
            new ExpansionOptions(PUPPET, "eu-west-1", List.of("eu-west-1", "eu-west-2"));

    private DemoFixture() {}

    static ExpandedManifest expanded() throws Exception {
        return new Expander(AccountResolver.NONE).expand(new ManifestLoader().load(DEMO, PUPPET), OPTIONS);
    }

    static FakeOperations operations() {
        FakeOperations ops = new FakeOperations(PUPPET);
        for (String account : List.of("222222222222", "333333333333")) {
            for (String region : List.of("eu-west-1", "eu-west-2")) {
                ops.ssm.put("eu-west-1/demo/" + account + "/" + region + "/cidr", "10.0.0.0/16");
            }
        }
        return ops;
    }

    static List<TaskSpec> roots(FakeOperations ops, GraphOptions options) throws Exception {
        return TaskGraphBuilder.roots(expanded(), ops, options);
    }
}
