package io.jenkins.plugins.scpuppet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleanupTest {
    @Test
    void shouldKeepTheBodysErrorFirstWithTheCleanupsSuppressed() {
        IOException cause = new IOException("the benchmark's own failure");
        NoClassDefFoundError close = new NoClassDefFoundError("PoolingHttpClientConnectionManager$2");
        assertThatThrownBy(() -> Cleanup.after(
                        () -> {
                            throw cause;
                        },
                        () -> {
                            throw close;
                        }))
                .isSameAs(cause)
                .satisfies(t -> assertThat(t.getSuppressed()).containsExactly(close));
    }

    @Test
    void shouldThrowTheCleanupsErrorWhenTheBodySucceeded() {
        NoClassDefFoundError close = new NoClassDefFoundError("PoolingHttpClientConnectionManager$2");
        assertThatThrownBy(() -> Cleanup.after(() -> {}, () -> {
                    throw close;
                }))
                .isSameAs(close);
    }

    @Test
    void shouldRunEveryStepWhenOneFails() {
        List<String> ran = new ArrayList<>();
        IllegalStateException first = new IllegalStateException("first");
        assertThatThrownBy(() -> Cleanup.all(
                        () -> {
                            ran.add("close the client");
                            throw first;
                        },
                        () -> ran.add("stop the stand-in")))
                .isSameAs(first);
        assertThat(ran).containsExactly("close the client", "stop the stand-in");
    }
}
