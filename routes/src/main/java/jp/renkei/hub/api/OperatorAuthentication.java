package jp.renkei.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import jp.renkei.hub.config.OperatorProperties.Role;
import jp.renkei.hub.config.OperatorProperties;
import jp.renkei.hub.config.RenkeiProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Guards the operator API ({@code /api/v1/**} except vendor ingress, which has its own tokens), ADR 0008. With
 * operators configured ({@code renkei.operators}), every call needs one of their bearer tokens and gets that
 * operator's role. With none configured (local mode: a fresh install, the embedded demo), only callers on this machine
 * are answered: with the generated local token as the admin {@code local}, without a token with
 * {@code renkei.operator-access.local-role} and only under a {@code Host} of {@code allowed-hosts} (a DNS-rebinding
 * page sends its own name). A state-changing request a browser marks as cross-site ({@code Sec-Fetch-Site}, or an
 * {@code Origin} other than the hub's) is refused whoever sends it. Reads need {@code viewer}, other methods
 * {@code operator}, unless the method says otherwise ({@link RequiresRole}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorProperties.class)
public class OperatorAuthentication implements HandlerInterceptor, WebMvcConfigurer {

    /** Request attribute holding the authenticated operator's name (absent for a token-less local caller). */
    static final String OPERATOR = OperatorAuthentication.class.getName() + ".operator";
    /** Request attribute holding the caller's {@link Role}. */
    static final String ROLE = OperatorAuthentication.class.getName() + ".role";
    /** The principal of the local token. */
    public static final String LOCAL_PRINCIPAL = "local";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** Who the caller is: an operator account (or {@code local}), or null for a token-less local caller; and its role. */
    record Caller(String principal, Role role) {
    }

    private final OperatorProperties operators;
    private final LocalOperatorToken localToken;

    /** Without a local token (it is made only with the hub's data directory). */
    public OperatorAuthentication(OperatorProperties operators) {
        this(operators, (LocalOperatorToken) null);
    }

    @Autowired
    public OperatorAuthentication(OperatorProperties operators, RenkeiProperties hub) {
        this(operators, operators.localMode() && operators.operatorAccess().localToken()
                ? LocalOperatorToken.at(hub.dataDir()) : null);
    }

    OperatorAuthentication(OperatorProperties operators, LocalOperatorToken localToken) {
        this.operators = operators;
        this.localToken = localToken;
        operators.operatorAccess().localCallerRole(); // an unknown role name fails the start, naming the key
    }

    /** The local token, when the hub runs in local mode and makes one. */
    public Optional<LocalOperatorToken> localToken() {
        return Optional.ofNullable(localToken);
    }

    public OperatorProperties operators() {
        return operators;
    }

    /** Authenticates the actuator's callers the same way ({@link ManagementAccessFilter}). */
    @Bean
    FilterRegistrationBean<ManagementAccessFilter> managementAccessFilter(
            @Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
        FilterRegistrationBean<ManagementAccessFilter> registration =
                new FilterRegistrationBean<>(new ManagementAccessFilter(this, basePath));
        registration.addUrlPatterns(basePath + "/*", basePath);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/**").excludePathPatterns("/api/v1/inbound/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        refuseCrossSite(request);
        Caller caller = authenticate(request);
        Role needed = needed(request, handler);
        if (!caller.role().allows(needed)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "ROLE_REQUIRED", (caller.principal() == null ? "a caller without a token"
                    : "operator " + caller.principal()) + " has role " + caller.role() + "; " + request.getMethod() + " "
                    + request.getRequestURI() + " needs role " + needed);
        }
        if (caller.principal() != null) {
            request.setAttribute(OPERATOR, caller.principal());
        }
        request.setAttribute(ROLE, caller.role());
        return true;
    }

    /** Who the caller is, or an {@link ApiProblem} saying why it is not answered. */
    Caller authenticate(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (!operators.localMode()) {
            OperatorProperties.Operator operator = BearerToken
                    .match(authorization, operators.withTokens(), OperatorProperties.Operator::token)
                    .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                            "a valid operator bearer token is required"));
            return new Caller(operator.name(), operator.role());
        }
        if (!isLoopback(request.getRemoteAddr())) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "OPERATOR_API_LOCAL_ONLY", "no operator token is configured "
                    + "(renkei.operators), so the operator API answers only callers on the hub's own machine");
        }
        if (localToken != null && localToken.matches(authorization).isPresent()) {
            return new Caller(LOCAL_PRINCIPAL, Role.ADMIN);
        }
        if (authorization != null && !authorization.isBlank()) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "the bearer token presented is not the "
                    + "local operator token" + (localToken == null ? "" : " (" + localToken.file() + ")"));
        }
        String host = hostName(request.getServerName());
        if (!operators.operatorAccess().allowsHost(host)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "HOST_NOT_ALLOWED", "Host '" + host + "' is not one of "
                    + "renkei.operator-access.allowed-hosts " + operators.operatorAccess().allowedHosts()
                    + ": a caller without a token must address the hub by a local name (DNS-rebinding guard)");
        }
        Role role = operators.operatorAccess().localCallerRole();
        if (role == null) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "renkei.operator-access.local-role is none: "
                    + "present the local operator token" + (localToken == null ? "" : ", Authorization: Bearer <the contents of "
                    + localToken.file() + ">"));
        }
        return new Caller(null, role);
    }

    /**
     * Refuses a state-changing request a browser sent from another site: {@code Sec-Fetch-Site} other than
     * {@code same-origin} or {@code none} (typed by the user), or an {@code Origin} other than the hub's own. Clients
     * that are not browsers send neither header and pass.
     */
    static void refuseCrossSite(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "CROSS_SITE_REQUEST", request.getMethod() + " " + request.getRequestURI()
                    + " was sent from another site (Sec-Fetch-Site: " + site + "); operator actions come from the console or a client");
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, request)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "CROSS_SITE_REQUEST", request.getMethod() + " " + request.getRequestURI()
                    + " was sent from another origin (Origin: " + origin + "); operator actions come from the console or a client");
        }
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = new URI(origin.trim());
            if (uri.getHost() == null) {
                return false; // "null" (a sandboxed or file: page) or garbage
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return hostName(uri.getHost()).equalsIgnoreCase(hostName(request.getServerName())) && port == request.getServerPort();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Role needed(HttpServletRequest request, Object handler) {
        if (handler instanceof HandlerMethod method) {
            RequiresRole declared = method.getMethodAnnotation(RequiresRole.class);
            if (declared != null) {
                return declared.value();
            }
        }
        return SAFE_METHODS.contains(request.getMethod()) ? Role.VIEWER : Role.OPERATOR;
    }

    /** A host name as compared: lower case, an IPv6 literal without its brackets. */
    static String hostName(String host) {
        if (host == null) {
            return "";
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }

    static boolean isLoopback(String address) {
        try {
            // a literal address (what the servlet container reports) is parsed without a name lookup
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
