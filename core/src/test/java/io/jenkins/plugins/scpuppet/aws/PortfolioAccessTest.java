package io.jenkins.plugins.scpuppet.aws;

import static io.jenkins.plugins.scpuppet.aws.DemoStandIn.HUB;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run lists a hub portfolio's access once, through every page (the stand-in pages it as AWS does: 20 accounts a page
 * unless asked otherwise), and keeps the list up to date with the shares it makes.
 */
class PortfolioAccessTest {
    private static final String REGION = "eu-west-1";
    private static final String KEY = HUB + "/" + REGION + "/servicecatalog ListPortfolioAccess";

    @Test
    void shouldListEveryPageOnceARunAndSeeItsOwnShares() throws Exception {
        try (AwsStandIn standIn = DemoStandIn.start();
                AwsClients clients = DemoStandIn.clients(standIn)) {
            AwsPuppetOperations firstRun = new AwsPuppetOperations(clients, HUB, REGION);
            String portfolio = firstRun.ensureLocalPortfolio(HUB, REGION, "wide", "ccoe", "d")
                    .path("portfolio_id")
                    .asText();
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                accounts.add(String.format("4%011d", i));
            }
            for (String account : accounts) {
                assertThat(firstRun.sharePortfolio(HUB, account, REGION, portfolio)
                                .path("created")
                                .asBoolean())
                        .isTrue();
            }
            long listed = calls(standIn);
            assertThat(listed)
                    .as("one list in the first run, when nothing was shared yet")
                    .isEqualTo(1);

            AwsPuppetOperations nextRun = new AwsPuppetOperations(clients, HUB, REGION);
            // The last account shared is on the third page of 20.
            assertThat(nextRun.sharePortfolio(HUB, accounts.get(44), REGION, portfolio)
                            .path("created")
                            .asBoolean())
                    .isFalse();
            assertThat(calls(standIn) - listed).as("three pages, listed once").isEqualTo(3);
            assertThat(nextRun.sharePortfolio(HUB, "499999999999", REGION, portfolio)
                            .path("created")
                            .asBoolean())
                    .isTrue();
            assertThat(nextRun.sharePortfolio(HUB, "499999999999", REGION, portfolio)
                            .path("created")
                            .asBoolean())
                    .as("the run's own share is known without listing again")
                    .isFalse();
            assertThat(calls(standIn) - listed).isEqualTo(3);
        }
    }

    private static long calls(AwsStandIn standIn) {
        return standIn.callsPerKeyAndOperation().getOrDefault(KEY, 0L);
    }
}
