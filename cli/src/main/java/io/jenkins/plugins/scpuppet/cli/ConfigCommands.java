package io.jenkins.plugins.scpuppet.cli;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.config.ConfigKey;
import io.jenkins.plugins.scpuppet.config.ConfigStore;
import io.jenkins.plugins.scpuppet.config.PuppetConfig;
import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * set-config-value, get-config-value, list-config-values and set-regions, on the SSM parameter or a local config.yaml;
 * upload-config, which always writes the SSM parameter.
 */
final class ConfigCommands {
    private ConfigCommands() {}

    private static <T> T withStore(AwsOptions aws, StoreAction<T> action) throws Exception {
        try (AwsClients clients = aws.clients()) {
            return action.apply(aws.configStore(clients, aws.puppetAccountId(clients)));
        }
    }

    @FunctionalInterface
    private interface StoreAction<T> {
        T apply(ConfigStore store) throws Exception;
    }

    @Command(name = "set-config-value", description = "Set one config value, e.g. is_caching_enabled True.")
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "VALUE")
        String value;

        @Mixin
        AwsOptions aws = new AwsOptions();

        @Override
        public Integer call() throws Exception {
            return withStore(aws, store -> {
                PuppetConfig updated = PuppetConfig.setValue(store, name, value);
                System.out.println(name + " = " + updated.get(ConfigKey.named(name)) + " in " + store.describe()
                        + " (read at the start of every deploy; no re-bootstrap needed)");
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "get-config-value", description = "Print one config value (upstream's default if unset).")
    static final class Get implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        AwsOptions aws = new AwsOptions();

        @Override
        public Integer call() throws Exception {
            return withStore(aws, store -> {
                ConfigKey key = ConfigKey.named(name);
                System.out.println(PuppetConfig.load(store).get(key));
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "list-config-values", description = "Print every known setting with its effective value.")
    static final class ListValues implements Callable<Integer> {
        @Mixin
        AwsOptions aws = new AwsOptions();

        @Override
        public Integer call() throws Exception {
            return withStore(aws, store -> {
                PuppetConfig.load(store).effective().forEach((k, v) -> System.out.println(k + ": " + v));
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "set-regions", description = "Set the config's regions: set-regions eu-west-1 eu-west-2 (or a,b).")
    static final class SetRegions implements Callable<Integer> {
        @Parameters(paramLabel = "REGION", arity = "1..*", description = "Regions, as words or comma-separated.")
        List<String> regions;

        @Mixin
        AwsOptions aws = new AwsOptions();

        @Override
        public Integer call() throws Exception {
            return withStore(aws, store -> {
                PuppetConfig updated = PuppetConfig.setValue(store, "regions", String.join(",", regions));
                System.out.println("regions = " + updated.regions() + " in " + store.describe());
                return ExitCodes.OK;
            });
        }
    }

    @Command(
            name = "upload-config",
            description = "Put a config.yaml into the SSM parameter " + SsmConfigStore.PARAMETER
                    + " (replacing it), after checking every known setting.")
    static final class Upload implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PATH", description = "The config.yaml to upload.")
        Path path;

        @Mixin
        AwsOptions aws = new AwsOptions();

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(path)) {
                System.err.println("config not found: " + path + "; give the path to a config.yaml");
                return ExitCodes.BAD_INPUT;
            }
            PuppetConfig config = PuppetConfig.parse(Files.readString(path), path.toString());
            config.effective(); // refuses a known setting of the wrong type, naming it, before anything is written
            try (AwsClients clients = aws.clients()) {
                SsmConfigStore store = new SsmConfigStore(clients.ssm(aws.puppetAccountId(clients), aws.homeRegion()));
                store.write(config.toYaml());
                System.out.println("Uploaded config");
                return ExitCodes.OK;
            }
        }
    }
}
