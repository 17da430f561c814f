package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stacks that differ only by the ids in their names are one kind of wait for the poller. */
class StackKindTest {
    @Test
    void shouldDropPortfolioProductAndAccountIdsFromTheName() {
        assertThat(StackOperations.kindOf("associations-for-portfolio-port-0a1b2c3d"))
                .isEqualTo(StackOperations.kindOf("associations-for-portfolio-port-99zz"))
                .isEqualTo("associations-for-portfolio-*");
        assertThat(StackOperations.kindOf("servicecatalog-puppet-spoke-123456789012"))
                .isEqualTo("servicecatalog-puppet-spoke-*");
        assertThat(StackOperations.kindOf("servicecatalog-puppet-sharing-policies"))
                .isEqualTo("servicecatalog-puppet-sharing-policies");
    }
}
