package io.jenkins.plugins.scpuppet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** The harness itself: how many cases run, that they are reproducible, and that a failure names its seed. */
class SeededCasesTest {

    @Test
    void shouldRunFixedSeedsTimesCasesPlusFreshSeeds() throws Throwable {
        List<Long> draws = new ArrayList<>();
        List<DynamicTest> tests =
                SeededCases.of(4, 5, random -> draws.add(random.nextLong())).toList();
        assertThat(tests).hasSize(4 + SeededCases.FRESH_SEEDS);
        for (DynamicTest t : tests) {
            t.getExecutable().execute();
        }
        assertThat(draws).hasSize((4 + SeededCases.FRESH_SEEDS) * 5);
        assertThat(tests.get(0).getDisplayName()).isEqualTo("seed 20260101");
        assertThat(draws.get(0)).isEqualTo(new Random(20_260_101L).nextLong());
    }

    @Test
    void shouldNameTheSeedAndCaseOfAFailure() {
        DynamicTest first = SeededCases.of(1, 3, random -> {
                    if (random.nextInt(1) == 0) {
                        throw new AssertionError("boom");
                    }
                })
                .findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> first.getExecutable().execute())
                .isInstanceOf(AssertionError.class)
                .hasMessage("seed 20260101, case 0 (rerun with -Dpuppet.seed=20260101): boom");
    }
}
