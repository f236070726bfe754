package jp.renkei.hub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import jp.renkei.hub.config.OperatorProperties.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The actuator's callers, authenticated like the operator API's ({@link OperatorAuthentication}), ADR 0008. An
 * authenticated caller is the request's user principal, so {@code management.endpoint.health.show-details:
 * when-authorized} shows the health details (install paths, certificate subjects, office numbers) to it only; an
 * anonymous caller sees the status alone, which is what probes need. Every other actuator endpoint (prometheus, …)
 * answers authenticated callers only; Prometheus scrapes with an operator bearer token, or the endpoints move to a
 * management port ({@code management.server.port}) that only the monitoring network reaches.
 */
final class ManagementAccessFilter extends OncePerRequestFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OperatorAuthentication authentication;
    private final String basePath;

    ManagementAccessFilter(OperatorAuthentication authentication, String basePath) {
        this.authentication = authentication;
        this.basePath = basePath;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.equals(basePath) && !path.startsWith(basePath + "/")) {
            chain.doFilter(request, response);
            return;
        }
        OperatorAuthentication.Caller caller;
        try {
            caller = authentication.authenticate(request);
        } catch (ApiProblem anonymous) {
            if (path.equals(basePath + "/health") || path.startsWith(basePath + "/health/") || path.equals(basePath + "/info")) {
                chain.doFilter(request, response); // the status only (show-details: when-authorized)
                return;
            }
            ProblemDetail problem = ApiExceptionHandler.detail(anonymous.status(), anonymous.code(), anonymous.getMessage()
                    + " (" + path + " answers authenticated callers only)");
            response.setStatus(anonymous.status().value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            JSON.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(new Authenticated(request, caller), response);
    }

    /** The request with the caller as its user principal, in the roles its role allows. */
    private static final class Authenticated extends HttpServletRequestWrapper {
        private final OperatorAuthentication.Caller caller;

        Authenticated(HttpServletRequest request, OperatorAuthentication.Caller caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public Principal getUserPrincipal() {
            String name = caller.principal() == null ? "operator@" + getRemoteAddr() : caller.principal();
            return () -> name;
        }

        @Override
        public String getRemoteUser() {
            return getUserPrincipal().getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            try {
                return caller.role().allows(Role.of(role));
            } catch (IllegalArgumentException unknown) {
                return false;
            }
        }
    }
}
