package io.jenkins.plugins.scpuppet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StderrLoggingTest {
    @Test
    void shouldBeTheConfigurationLogbackFindsAndUses() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(StderrLogging.class);
        LoggerContext used = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(used.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void shouldSendOnlyErrorsToStderr() {
        LoggerContext context = new LoggerContext();
        new StderrLogging().configure(context);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("software.amazon.awssdk").isWarnEnabled()).isFalse();
        ConsoleAppender<?> appender = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(appender.getTarget()).isEqualTo("System.err");
        assertThat(appender.isStarted()).isTrue();
    }

    @Test
    void shouldWriteOneLineAndTheStackTrace() {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("software.amazon.awssdk.Example");
        LoggingEvent event = new LoggingEvent(
                "fqcn", logger, Level.ERROR, "failed {} times", new IllegalStateException("boom"), new Object[] {3});

        String text = new StderrLogging.OneLine().doLayout(event);

        assertThat(text)
                .startsWith("ERROR software.amazon.awssdk.Example - failed 3 times" + System.lineSeparator())
                .contains("java.lang.IllegalStateException: boom");
    }
}
