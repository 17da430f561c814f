package io.jenkins.plugins.scpuppet.check;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.jboss.marshalling.Marshaller;
import org.jboss.marshalling.Marshalling;
import org.jboss.marshalling.MarshallingConfiguration;
import org.jboss.marshalling.ObjectResolver;
import org.jboss.marshalling.SimpleClassResolver;
import org.jboss.marshalling.Unmarshaller;
import org.jboss.marshalling.river.RiverMarshallerFactory;

/**
 * program.dat as Pipeline writes and reads it: JBoss Marshalling River configured as workflow-support's RiverWriter
 * and RiverReader do. The writer's resolver replaces only the flow owner and pickled objects (none of the plugin's
 * executions hold either); the reader resolves classes through the plugin's class loader with a
 * SimpleClassResolver. Only the stream version is a parameter: RiverWriter leaves it at River's default.
 */
final class ProgramDat {
    /** River's default stream version, as RiverWriter uses it. */
    static final int DEFAULT_VERSION = -1;

    private ProgramDat() {}

    static byte[] write(Object o, int version) throws IOException {
        MarshallingConfiguration config = new MarshallingConfiguration();
        config.setVersion(version);
        config.setObjectResolver(new ObjectResolver() {
            @Override
            public Object readResolve(Object replacement) {
                throw new IllegalStateException(); // as RiverWriter's: never used for reading
            }

            @Override
            public Object writeReplace(Object original) {
                return original; // no FlowExecutionOwner and no picklable object in the graph
            }
        });
        Marshaller marshaller = new RiverMarshallerFactory().createMarshaller(config);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        marshaller.start(Marshalling.createByteOutput(bytes));
        marshaller.writeObject(o);
        marshaller.finish();
        return bytes.toByteArray();
    }

    /** Reads with the writer's version: a River stream does not say which it is (RiverReader's is the default). */
    static Object read(byte[] bytes, int version) throws IOException, ClassNotFoundException {
        MarshallingConfiguration config = new MarshallingConfiguration();
        config.setVersion(version);
        config.setClassResolver(new SimpleClassResolver(ProgramDat.class.getClassLoader()));
        config.setObjectResolver(new ObjectResolver() {
            @Override
            public Object readResolve(Object replacement) {
                return replacement; // RiverReader's resolvers swap only pickles and the DryOwner
            }

            @Override
            public Object writeReplace(Object original) {
                throw new IllegalStateException();
            }
        });
        Unmarshaller unmarshaller = new RiverMarshallerFactory().createUnmarshaller(config);
        unmarshaller.start(Marshalling.createByteInput(new ByteArrayInputStream(bytes)));
        try {
            return unmarshaller.readObject();
        } finally {
            unmarshaller.finish();
        }
    }

    /** The object written to program.dat and read back, as when Pipeline resumes a build after a restart. */
    static <T> T resumed(T o, int version) throws IOException, ClassNotFoundException {
        @SuppressWarnings("unchecked")
        T back = (T) read(write(o, version), version);
        return back;
    }
}
