package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Who the caller is, asked of STS in the region the command works in. */
class CallerAccountTest {
    @Test
    void shouldAskStsInTheRegionTheCommandWorksIn() throws Exception {
        List<String> scopes = new CopyOnWriteArrayList<>();
        try (AwsStandIn standIn = AwsStandIn.start(DemoStandIn.HUB);
                AwsClients clients = DemoStandIn.clients(standIn).intercept(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
                        scopes.add(c.httpRequest()
                                .firstMatchingHeader("Authorization")
                                .orElse("unsigned"));
                    }
                })) {
            String inLondon = clients.callerAccount("eu-west-2");
            String inBeijing = clients.callerAccount("cn-north-1");

            assertThat(inLondon).isEqualTo(DemoStandIn.HUB);
            assertThat(inBeijing).isEqualTo(DemoStandIn.HUB);
            // The credential scope of each signature names the region the request was sent to.
            assertThat(scopes).hasSize(2);
            assertThat(scopes.get(0)).contains("/eu-west-2/sts/aws4_request");
            assertThat(scopes.get(1)).contains("/cn-north-1/sts/aws4_request");
        }
    }
}
