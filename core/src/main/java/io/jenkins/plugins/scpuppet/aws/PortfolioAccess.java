package io.jenkins.plugins.scpuppet.aws;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The accounts each hub portfolio is shared with, listed once a run and kept up to date with the shares the run makes.
 * A portfolio is shared with every spoke account, one task each: listing its access in each of them made one call per
 * (portfolio, account), all against the hub's rate limit in that region (300 of the 603 calls its busiest key took in
 * the large manifest), where one list per portfolio does. A share removed by someone else during the run is not
 * seen; the spoke's accept then fails and names the portfolio.
 */
final class PortfolioAccess {
    private final Map<String, Accounts> byPortfolio = new ConcurrentHashMap<>();

    /** Whether the portfolio is shared with the account, listing its access the first time it is asked about. */
    boolean isShared(String hub, String region, String portfolioId, String account, Supplier<List<String>> list) {
        return accounts(hub, region, portfolioId).loaded(list).contains(account);
    }

    /** Records a share the run made. */
    void shared(String hub, String region, String portfolioId, String account) {
        accounts(hub, region, portfolioId).shared.add(account);
    }

    private Accounts accounts(String hub, String region, String portfolioId) {
        return byPortfolio.computeIfAbsent(hub + " " + region + " " + portfolioId, k -> new Accounts());
    }

    private static final class Accounts {
        final Set<String> shared = ConcurrentHashMap.newKeySet();
        private boolean listed;

        /** Lists once: the tasks of one portfolio asking together wait for that one call, not make their own. */
        synchronized Set<String> loaded(Supplier<List<String>> list) {
            if (!listed) {
                shared.addAll(list.get());
                listed = true;
            }
            return shared;
        }
    }
}
