package io.jenkins.plugins.scpuppet.engine;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files only their owner can read (POSIX 700 and 600), where the file system has POSIX permissions; on
 * others (Windows) they are created plainly and inherit the folder's ACL. For what a run records about itself: the
 * journal holds task parameters and results, which are not for other users of the agent.
 */
final class OwnerOnly {
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    /** Creates the folder (and missing parents) and makes it owner-only, also when it was there before. */
    static Path folder(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        if (!posix(dir)) {
            Files.createDirectories(dir);
            return dir;
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        } catch (FileAlreadyExistsException e) {
            // made by an earlier run or version: tightened below
        }
        Files.setPosixFilePermissions(dir, FOLDER); // the umask may have narrowed the mode at creation, never widened
        return dir;
    }

    /** Creates the file if missing and makes it owner-only (a run id used again writes over its journal). */
    static Path file(Path file) throws IOException {
        if (!posix(file)) {
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            return file;
        }
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE);
        try {
            Files.createFile(file, mode);
        } catch (FileAlreadyExistsException e) {
            // tightened below
        }
        Files.setPosixFilePermissions(file, FILE);
        return file;
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
