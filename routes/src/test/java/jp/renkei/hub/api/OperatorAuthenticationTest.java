package jp.renkei.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jp.renkei.hub.config.OperatorProperties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;

class OperatorAuthenticationTest {

    private static final OperatorProperties TWO_OPERATORS = new OperatorProperties(List.of(
            new OperatorProperties.Operator("ops", "ops-token-0123456789"),
            new OperatorProperties.Operator("night-shift", "night-token-0123456789"),
            new OperatorProperties.Operator("unset", "")));

    private static MockHttpServletRequest request(String remoteAddress, String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/dead-letters/replay");
        request.setRemoteAddr(remoteAddress);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

    private static boolean admit(OperatorProperties operators, MockHttpServletRequest request) {
        return new OperatorAuthentication(operators).preHandle(request, new MockHttpServletResponse(), new Object());
    }

    @Nested
    class WithOperatorsConfigured {

        @Test
        void aCallerPresentingAnOperatorsTokenIsJournaledUnderThatOperatorAndTheNamedPerson() {
            MockHttpServletRequest request = request("192.0.2.10", "Bearer night-token-0123456789");
            request.addHeader(OperatorIdentity.HEADER, "tanaka");

            assertThat(admit(TWO_OPERATORS, request)).isTrue();
            OperatorIdentity who = (OperatorIdentity) new OperatorIdentityResolver()
                    .resolveArgument(null, null, new ServletWebRequest(request), null);
            assertThat(who.name()).isEqualTo("night-shift/tanaka");
        }

        @Test
        void aMissingWrongOrBlankTokenIsRefusedEvenFromThisMachine() {
            for (String authorization : new String[] {null, "Bearer wrong", "Bearer ", "Basic b3BzOm9wcw==", "ops-token-0123456789"}) {
                assertThatThrownBy(() -> admit(TWO_OPERATORS, request("127.0.0.1", authorization)))
                        .as("Authorization: %s", authorization)
                        .isInstanceOfSatisfying(ApiProblem.class, p -> {
                            assertThat(p.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
                            assertThat(p.getMessage()).contains("operator bearer token");
                        });
            }
        }
    }

    @Nested
    class WithoutOperatorTokens {

        private final OperatorProperties none = new OperatorProperties(List.of(new OperatorProperties.Operator("ops", "")));

        @Test
        void callersOnThisMachineAreAnswered() {
            assertThat(admit(none, request("127.0.0.1", null))).isTrue();
            assertThat(admit(none, request("0:0:0:0:0:0:0:1", null))).isTrue();
        }

        @Test
        void callersFromTheNetworkAreRefusedWithTheReason() {
            assertThatThrownBy(() -> admit(none, request("192.0.2.10", null)))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> {
                        assertThat(p.status()).isEqualTo(HttpStatus.FORBIDDEN);
                        assertThat(p.getMessage()).contains("renkei.operators", "own machine");
                    });
        }
    }
}
