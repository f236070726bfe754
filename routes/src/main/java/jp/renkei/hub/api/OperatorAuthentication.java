package jp.renkei.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import jp.renkei.hub.config.OperatorProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Guards the operator API ({@code /api/v1/**} except vendor ingress, which has its own tokens). With operators
 * configured ({@code renkei.operators}), every call needs one of their bearer tokens and is journaled under that
 * operator's name. With none configured (the embedded demo), only callers on this machine are answered, so a fresh
 * install is never an open replay button on the network.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorProperties.class)
public class OperatorAuthentication implements HandlerInterceptor, WebMvcConfigurer {

    /** Request attribute holding the authenticated operator's name. */
    static final String OPERATOR = OperatorAuthentication.class.getName() + ".operator";

    private final OperatorProperties operators;

    public OperatorAuthentication(OperatorProperties operators) {
        this.operators = operators;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/**").excludePathPatterns("/api/v1/inbound/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (operators.withTokens().isEmpty()) {
            if (!isLoopback(request.getRemoteAddr())) {
                throw new ApiProblem(HttpStatus.FORBIDDEN, "OPERATOR_API_LOCAL_ONLY", "no operator token is configured "
                        + "(renkei.operators), so the operator API answers only callers on the hub's own machine");
            }
            return true;
        }
        OperatorProperties.Operator operator = BearerToken
                .match(request.getHeader("Authorization"), operators.withTokens(), OperatorProperties.Operator::token)
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                        "a valid operator bearer token is required"));
        request.setAttribute(OPERATOR, operator.name());
        return true;
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
