package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

/** Shim of core's FilePath: a file on the controller or an agent. */
public final class FilePath {
    public FilePath(File localPath) {}

    public String getRemote() {
        throw new UnsupportedOperationException("shim");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("shim");
    }

    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("shim");
    }

    /** Code that runs where the file is. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
