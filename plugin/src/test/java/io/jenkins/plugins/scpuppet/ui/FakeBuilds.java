package io.jenkins.plugins.scpuppet.ui;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * Plain stand-ins for the few Jenkins objects the view models touch (the shim's own bodies throw): a job with a chain
 * of builds, each with a build folder and actions, and a Stapler request/response that records what was sent.
 */
public final class FakeBuilds {
    private FakeBuilds() {}

    /** A single build of a new job, with its folder: enough for the run action to store reports (plugin-check). */
    public static Run<?, ?> build(File rootDir) {
        return new FakeJob().newBuild(rootDir);
    }

    static final class FakeJob extends Job<FakeJob, FakeRun> {
        final List<FakeRun> builds = new ArrayList<>();
        /** Builds handed out (getLastBuild, getPreviousBuild): each is a build load in Jenkins' lazy RunMap. */
        int buildsLoaded;

        FakeJob() {
            super(null, "p"); // core's only constructor; AbstractItem just keeps the parent and name
        }

        @Override
        public boolean isBuildable() {
            return false;
        }

        @Override
        protected SortedMap<Integer, FakeRun> _getRuns() {
            SortedMap<Integer, FakeRun> runs = new TreeMap<>();
            builds.forEach(b -> runs.put(b.getNumber(), b));
            return runs;
        }

        @Override
        protected void removeRun(FakeRun run) {
            builds.remove(run);
        }

        FakeRun newBuild(File rootDir) {
            FakeRun run = new FakeRun(this, builds.size() + 1, rootDir);
            builds.add(run);
            return run;
        }

        @Override
        public FakeRun getLastBuild() {
            buildsLoaded += builds.isEmpty() ? 0 : 1;
            return builds.isEmpty() ? null : builds.get(builds.size() - 1);
        }
    }

    static final class FakeRun extends Run<FakeJob, FakeRun> {
        private final FakeJob job;
        private final int number;
        private final File rootDir;
        private final List<Action> actions = new ArrayList<>();
        String displayName;

        FakeRun(FakeJob job, int number, File rootDir) {
            super(job, 0L); // one of core's constructors: Run has no no-arg one
            this.job = job;
            this.number = number;
            this.rootDir = rootDir;
        }

        @Override
        public void addAction(Action a) {
            actions.add(a);
            if (a instanceof jenkins.model.RunAction2 ra) {
                ra.onAttached(this);
            }
        }

        @Override
        public <T extends Action> T getAction(Class<T> type) {
            return actions.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
        }

        @Override
        public File getRootDir() {
            return rootDir;
        }

        @Override
        public int getNumber() {
            return number;
        }

        @Override
        public FakeRun getPreviousBuild() {
            job.buildsLoaded += number == 1 ? 0 : 1;
            return number == 1 ? null : job.builds.get(number - 2);
        }

        @Override
        public FakeJob getParent() {
            return job;
        }

        @Override
        public String getDisplayName() {
            return displayName != null ? displayName : "#" + number;
        }

        @Override
        public String getUrl() {
            return "job/p/" + number + "/";
        }

        @Override
        public String toString() {
            return "p #" + number; // core's toString needs the job's parent, which this fake has not
        }
    }

    /** A request with these query parameters. */
    static StaplerRequest2 request(Map<String, String> parameters) {
        return (StaplerRequest2) Proxy.newProxyInstance(
                FakeBuilds.class.getClassLoader(), new Class<?>[] {StaplerRequest2.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getParameter")) {
                        return parameters.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** What a handler sent: status (200 unless an error was sent), headers and body. */
    static final class Sent {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        StaplerResponse2 response() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}
            };
            return (StaplerResponse2) Proxy.newProxyInstance(
                    FakeBuilds.class.getClassLoader(), new Class<?>[] {StaplerResponse2.class}, (p, m, args) -> {
                        switch (m.getName()) {
                            case "sendError" -> status = (Integer) args[0];
                            case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                            case "setContentLengthLong" -> headers.put("Content-Length", String.valueOf(args[0]));
                            case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                            case "getOutputStream" -> {
                                return out;
                            }
                            default -> throw new UnsupportedOperationException(m.getName());
                        }
                        return null;
                    });
        }
    }
}
