package io.jenkins.plugins.scpuppet.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.io.HierarchicalStreamWriter;
import com.thoughtworks.xstream.io.xml.PrettyPrintWriter;
import com.thoughtworks.xstream.io.xml.StandardStaxDriver;
import com.thoughtworks.xstream.converters.ConversionException;
import com.thoughtworks.xstream.converters.Converter;
import com.thoughtworks.xstream.converters.MarshallingContext;
import com.thoughtworks.xstream.converters.UnmarshallingContext;
import com.thoughtworks.xstream.io.HierarchicalStreamReader;
import com.thoughtworks.xstream.security.AnyTypePermission;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;

/**
 * build.xml as Jenkins writes and reads it: XStream 1.4.21 configured as core's XStream2 persists an action (the
 * default reflection provider, XStream2's StAX driver, no annotations processed), and
 * its JEP-200 class filter applied the way XStream2 applies it: a converter of the highest priority that claims every
 * refused type and throws.
 */
final class BuildXml {
    private static final JenkinsClassFilter FILTER = JenkinsClassFilter.forThePlugin();

    private BuildXml() {}

    static XStream xstream() {
        XStream x = new XStream(new JenkinsStaxDriver());
        x.addPermission(AnyTypePermission.ANY); // as XStream2: the class filter below does the refusing
        x.registerConverter(new RefusedTypesConverter(), XStream.PRIORITY_VERY_HIGH);
        x.setClassLoader(BuildXml.class.getClassLoader());
        return x;
    }

    /**
     * XStream2's driver (core's hudson.util.XStream2.StaxDriver): pretty-printed XML 1.1 out, the JDK's StAX in
     * (StandardStaxDriver's own factory lookup is refused by the module system on Java 17).
     */
    private static final class JenkinsStaxDriver extends StandardStaxDriver {
        @Override
        public HierarchicalStreamWriter createWriter(Writer out) {
            return new PrettyPrintWriter(out, PrettyPrintWriter.XML_1_1, getNameCoder());
        }

        @Override
        public HierarchicalStreamWriter createWriter(OutputStream out) {
            return createWriter(new OutputStreamWriter(out, Charset.defaultCharset()));
        }

        @Override
        protected XMLInputFactory createInputFactory() {
            XMLInputFactory instance = XMLInputFactory.newInstance();
            instance.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
            instance.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            return instance;
        }

        @Override
        protected XMLOutputFactory createOutputFactory() {
            return XMLOutputFactory.newInstance();
        }
    }

    /** XStream2's BlacklistedTypesConverter, over {@link JenkinsClassFilter}. */
    private static final class RefusedTypesConverter implements Converter {
        @Override
        public void marshal(Object source, HierarchicalStreamWriter writer, MarshallingContext context) {
            throw new UnsupportedOperationException("Refusing to marshal " + FILTER.refusal(source.getClass()));
        }

        @Override
        public Object unmarshal(HierarchicalStreamReader reader, UnmarshallingContext context) {
            throw new ConversionException("Refusing to unmarshal " + reader.getNodeName());
        }

        @Override
        public boolean canConvert(Class type) {
            return type != null && !FILTER.permits(type);
        }
    }

    /** The object written to XML and read back, as after a controller restart; XStream's exceptions propagate. */
    static <T> T restarted(T object, Class<T> type) {
        XStream x = xstream();
        return type.cast(x.fromXML(x.toXML(object)));
    }

    /**
     * Checks that {@code object} survives a restart: every persisted class is one the filter permits and none is a
     * record, it reads back, and every field is the same. Returns the object read back.
     */
    static <T> T assertSurvivesRestart(T object, Class<T> type) {
        T back = restarted(object, type);
        DeepCompare compare = DeepCompare.of(object, back);
        assertThat(compare.differences()).as("fields changed by the round trip").isEmpty();
        assertThat(compare.comparedFields()).as("fields compared").isNotEmpty();
        assertOnlyPermittedClasses(object);
        return back;
    }

    /** Every class in the persisted graph: permitted by Jenkins' class filter, and no record. */
    static void assertOnlyPermittedClasses(Object root) {
        for (Map.Entry<String, Object> e : ObjectGraph.objects(root).entrySet()) {
            Class<?> c = e.getValue().getClass();
            assertThat(c.isRecord()).as("%s is a record (%s): XStream cannot read it back", e.getKey(), c.getName())
                    .isFalse();
            assertThat(FILTER.permits(c)).as("%s: Jenkins' class filter refuses %s", e.getKey(), FILTER.refusal(c))
                    .isTrue();
        }
    }
}
