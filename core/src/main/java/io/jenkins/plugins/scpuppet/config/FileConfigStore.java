package io.jenkins.plugins.scpuppet.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A local {@code config.yaml}, which overrides SSM when present (upstream's spoke runs rely on this). */
public final class FileConfigStore implements ConfigStore {
    private final Path file;

    public FileConfigStore(Path file) {
        this.file = file;
    }

    @Override
    public String read() throws IOException {
        return Files.exists(file) ? Files.readString(file) : null;
    }

    @Override
    public void write(String yaml) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, yaml);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String describe() {
        return file.toString();
    }
}
