package io.jenkins.plugins.scpuppet.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * A clean copy of the repository's build files (every module's POM and .mvn/) committed to a fresh git repository,
 * as ci.jenkins.io checks it out: the changelist extension refuses a dirty working tree.
 */
final class ReactorCopy {
    private static final Pattern PROJECT_HEADER = Pattern.compile("(?m)^\\[INFO] -+< (\\S+) >-+$");

    private ReactorCopy() {}

    /** Copies the POMs of the root, of every module it names (profiles included) and .mvn/ into {@code dir}. */
    static void create(Path dir) {
        Path root = Repo.root();
        try {
            for (String file : buildFiles(root)) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(root.resolve(file), target);
            }
            commit(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces a file in the copy and commits it, keeping the working tree clean. */
    static void replace(Path dir, String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text);
            commit(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The groupId:artifactId of every project Maven built, in build order. */
    static List<String> projectsBuilt(String output) {
        List<String> out = new ArrayList<>();
        Matcher m = PROJECT_HEADER.matcher(output);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Set<String> buildFiles(Path root) throws IOException {
        Set<String> files = new LinkedHashSet<>(List.of("pom.xml", "plugin/pom.xml"));
        Element pom = Repo.pom("pom.xml");
        List<Element> moduleLists = new ArrayList<>();
        Xml.child(pom, "modules").ifPresent(moduleLists::add);
        Xml.child(pom, "profiles")
                .ifPresent(ps -> Xml.children(ps, "profile")
                        .forEach(p -> Xml.child(p, "modules").ifPresent(moduleLists::add)));
        for (Element list : moduleLists) {
            Xml.children(list, "module").forEach(m -> files.add(m.getTextContent().trim() + "/pom.xml"));
        }
        try (var mvn = Files.list(root.resolve(".mvn"))) {
            mvn.filter(Files::isRegularFile).forEach(f -> files.add(".mvn/" + f.getFileName()));
        }
        return files;
    }

    private static void commit(Path dir) throws IOException {
        if (!Files.isDirectory(dir.resolve(".git"))) {
            git(dir, "init", "-q");
        }
        git(dir, "add", "-A");
        git(dir, "-c", "user.name=check", "-c", "user.email=check@localhost", "-c", "commit.gpgsign=false",
                "commit", "-q", "--allow-empty", "-m", "copy of the build files");
    }

    private static void git(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + new String(p.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
