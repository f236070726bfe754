package jp.renkei.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import jp.renkei.hub.config.OperatorProperties.Role;
import jp.renkei.hub.config.OperatorProperties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;

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

    private static HandlerMethod handler(String method, Class<?>... parameters) throws NoSuchMethodException {
        Class<?> controller = method.equals("reprocess") || method.equals("delivery") ? DeliveriesController.class : DeadLettersController.class;
        return new HandlerMethod(new Object(), controller.getMethod(method, parameters));
    }

    private static OperatorProperties withRoles() {
        return new OperatorProperties(List.of(
                new OperatorProperties.Operator("watcher", "viewer-token-0123456789", Role.VIEWER),
                new OperatorProperties.Operator("night-shift", "night-token-0123456789", Role.OPERATOR),
                new OperatorProperties.Operator("lead", "admin-token-0123456789", Role.ADMIN)));
    }

    private static void refusedWith(HttpStatus status, String code, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(status);
            assertThat(p.code()).isEqualTo(code);
        });
    }

    @Nested
    class Roles {

        @Test
        void aViewerCannotReplay() throws Exception {
            MockHttpServletRequest request = request("192.0.2.10", "Bearer viewer-token-0123456789");
            HandlerMethod replay = handler("replay", String.class, OperatorIdentity.class);
            assertThatThrownBy(() -> new OperatorAuthentication(withRoles()).preHandle(request, new MockHttpServletResponse(), replay))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> {
                        assertThat(p.status()).isEqualTo(HttpStatus.FORBIDDEN);
                        assertThat(p.code()).isEqualTo("ROLE_REQUIRED");
                        assertThat(p.getMessage()).contains("watcher", "viewer", "needs role operator");
                    });
        }

        @Test
        void aViewerMayRead() throws Exception {
            MockHttpServletRequest request = request("192.0.2.10", "Bearer viewer-token-0123456789");
            request.setMethod("GET");
            request.setRequestURI("/api/v1/dead-letters");
            assertThat(new OperatorAuthentication(withRoles()).preHandle(request, new MockHttpServletResponse(),
                    handler("deadLetters", String.class, int.class))).isTrue();
        }

        @Test
        void anOperatorMayReplayButNotReprocessAnAdminMay() throws Exception {
            HandlerMethod replay = handler("replay", String.class, OperatorIdentity.class);
            HandlerMethod reprocess = handler("reprocess", java.util.UUID.class, OperatorIdentity.class);
            OperatorAuthentication auth = new OperatorAuthentication(withRoles());
            assertThat(auth.preHandle(request("192.0.2.10", "Bearer night-token-0123456789"), new MockHttpServletResponse(), replay)).isTrue();
            refusedWith(HttpStatus.FORBIDDEN, "ROLE_REQUIRED", () -> auth.preHandle(request("192.0.2.10", "Bearer night-token-0123456789"),
                    new MockHttpServletResponse(), reprocess));
            assertThat(auth.preHandle(request("192.0.2.10", "Bearer admin-token-0123456789"), new MockHttpServletResponse(), reprocess)).isTrue();
        }

        @Test
        void anAccountWithoutARoleIsAnOperator() {
            assertThat(new OperatorProperties.Operator("ops", "t").role()).isEqualTo(Role.OPERATOR);
        }
    }

    @Nested
    class BrowserAttacks {

        private final OperatorProperties local = new OperatorProperties(List.of());

        @Test
        void aDnsRebindingHostIsRefused() {
            MockHttpServletRequest request = request("127.0.0.1", null);
            request.setServerName("rebind.attacker.example");
            request.setMethod("GET");
            assertThatThrownBy(() -> admit(local, request)).isInstanceOfSatisfying(ApiProblem.class, p -> {
                assertThat(p.status()).isEqualTo(HttpStatus.FORBIDDEN);
                assertThat(p.code()).isEqualTo("HOST_NOT_ALLOWED");
                assertThat(p.getMessage()).contains("rebind.attacker.example", "renkei.operator-access.allowed-hosts");
            });
        }

        @Test
        void theHubsLocalNamesAreAllowed() {
            for (String host : new String[] {"localhost", "127.0.0.1", "[::1]", "LOCALHOST"}) {
                MockHttpServletRequest request = request("127.0.0.1", null);
                request.setServerName(host);
                assertThat(admit(local, request)).as(host).isTrue();
            }
        }

        @Test
        void aCrossSitePostIsRefusedEvenWithAToken() {
            MockHttpServletRequest marked = request("127.0.0.1", null);
            marked.addHeader("Sec-Fetch-Site", "cross-site");
            refusedWith(HttpStatus.FORBIDDEN, "CROSS_SITE_REQUEST", () -> admit(local, marked));

            MockHttpServletRequest foreignOrigin = request("192.0.2.10", "Bearer night-token-0123456789");
            foreignOrigin.addHeader("Origin", "https://attacker.example");
            refusedWith(HttpStatus.FORBIDDEN, "CROSS_SITE_REQUEST", () -> admit(TWO_OPERATORS, foreignOrigin));

            MockHttpServletRequest sandboxed = request("127.0.0.1", null);
            sandboxed.addHeader("Origin", "null");
            refusedWith(HttpStatus.FORBIDDEN, "CROSS_SITE_REQUEST", () -> admit(local, sandboxed));
        }

        @Test
        void theConsolesOwnPostAndACrossSiteReadPass() {
            MockHttpServletRequest console = request("127.0.0.1", null);
            console.addHeader("Sec-Fetch-Site", "same-origin");
            console.addHeader("Origin", "http://localhost:80");
            assertThat(admit(local, console)).isTrue();

            MockHttpServletRequest read = request("127.0.0.1", null);
            read.setMethod("GET");
            read.addHeader("Sec-Fetch-Site", "cross-site");
            assertThat(admit(local, read)).isTrue();
        }
    }

    @Nested
    class LocalToken {

        @TempDir
        Path dataDir;

        @Test
        void isMadeOwnerOnlyAtFirstStartAndKept() throws Exception {
            LocalOperatorToken first = LocalOperatorToken.at(dataDir);

            assertThat(first.file()).isEqualTo(dataDir.resolve("operator-token").toAbsolutePath());
            assertThat(Files.getPosixFilePermissions(first.file())).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(first.token()).hasSizeGreaterThanOrEqualTo(43);
            assertThat(LocalOperatorToken.at(dataDir).token()).isEqualTo(first.token());
        }

        @Test
        void aLocalCallerPresentingItIsTheAdminLocalAndAWrongTokenIsRefused() throws Exception {
            LocalOperatorToken token = LocalOperatorToken.at(dataDir);
            OperatorAuthentication auth = new OperatorAuthentication(new OperatorProperties(List.of()), token);
            MockHttpServletRequest request = request("127.0.0.1", "Bearer " + token.token());
            assertThat(auth.preHandle(request, new MockHttpServletResponse(), handler("reprocess", java.util.UUID.class, OperatorIdentity.class))).isTrue();
            assertThat(request.getAttribute(OperatorAuthentication.OPERATOR)).isEqualTo("local");
            assertThat(request.getAttribute(OperatorAuthentication.ROLE)).isEqualTo(Role.ADMIN);

            refusedWith(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", () -> auth.preHandle(request("127.0.0.1", "Bearer wrong"),
                    new MockHttpServletResponse(), new Object()));
            refusedWith(HttpStatus.FORBIDDEN, "OPERATOR_API_LOCAL_ONLY", () -> auth.preHandle(request("192.0.2.10", "Bearer " + token.token()),
                    new MockHttpServletResponse(), new Object()));
        }

        @Test
        void withLocalRoleNoneATokenlessCallerIsToldWhereTheTokenIs() {
            LocalOperatorToken token = LocalOperatorToken.at(dataDir);
            OperatorProperties none = new OperatorProperties(List.of(),
                    new OperatorProperties.Access(List.of("localhost"), "none", true));
            assertThatThrownBy(() -> new OperatorAuthentication(none, token).preHandle(request("127.0.0.1", null),
                    new MockHttpServletResponse(), new Object()))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> {
                        assertThat(p.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
                        assertThat(p.getMessage()).contains(token.file().toString()).doesNotContain(token.token());
                    });
        }

        @Test
        void aViewerLocalRoleCannotReplay() throws Exception {
            OperatorProperties viewers = new OperatorProperties(List.of(),
                    new OperatorProperties.Access(List.of("localhost"), "viewer", false));
            refusedWith(HttpStatus.FORBIDDEN, "ROLE_REQUIRED", () -> new OperatorAuthentication(viewers).preHandle(
                    request("127.0.0.1", null), new MockHttpServletResponse(), handler("replay", String.class, OperatorIdentity.class)));
        }
    }

    @Nested
    class JournaledPerson {

        private String journaled(String header) {
            MockHttpServletRequest request = request("192.0.2.10", "Bearer night-token-0123456789");
            request.addHeader(OperatorIdentity.HEADER, header);
            admit(TWO_OPERATORS, request);
            return ((OperatorIdentity) new OperatorIdentityResolver().resolveArgument(null, null, new ServletWebRequest(request), null)).name();
        }

        @Test
        void aUtf8NameIsDecodedWhicheverWayItWasSent() {
            assertThat(journaled("UTF-8''%E7%94%B0%E4%B8%AD%20%E5%A4%AA%E9%83%8E")).isEqualTo("night-shift/田中 太郎");
            assertThat(journaled("%E7%94%B0%E4%B8%AD")).isEqualTo("night-shift/田中");
            // raw UTF-8 bytes, which the servlet container reads as ISO-8859-1
            assertThat(journaled(new String("田中".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))).isEqualTo("night-shift/田中");
        }

        @Test
        void thePrincipalIsTheTokensAccountWhateverTheHeaderClaims() {
            assertThat(journaled("ops")).isEqualTo("night-shift/ops");
            assertThat(journaled("lead/../admin")).startsWith("night-shift/");
        }
    }
}
