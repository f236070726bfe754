package jp.renkei.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Supplies {@link OperatorIdentity} arguments to controller methods. */
@Configuration(proxyBeanMethods = false)
public class OperatorIdentityResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private static final int MAX_LENGTH = 100;

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == OperatorIdentity.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        Object authenticated = request.getAttribute(OperatorAuthentication.OPERATOR, NativeWebRequest.SCOPE_REQUEST);
        String header = request.getHeader(OperatorIdentity.HEADER);
        String person = header == null || header.isBlank() ? null : clean(header);
        if (authenticated != null) {
            // the token names the operator account; the header may add the person at the keyboard
            return new OperatorIdentity(person == null ? authenticated.toString() : authenticated + "/" + person);
        }
        if (person != null) {
            return new OperatorIdentity(person);
        }
        HttpServletRequest servlet = request.getNativeRequest(HttpServletRequest.class);
        return new OperatorIdentity("operator@" + (servlet == null ? "unknown" : servlet.getRemoteAddr()));
    }

    private static String clean(String header) {
        String clean = header.replaceAll("[^\\p{L}\\p{N}._@ -]", "");
        return clean.length() > MAX_LENGTH ? clean.substring(0, MAX_LENGTH) : clean;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
