package jp.renkei.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.renkei.hub.config.OperatorProperties.Role;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Supplies {@link OperatorIdentity} arguments to controller methods: the principal {@link OperatorAuthentication}
 * authenticated, with the {@code X-Renkei-Operator} header as a note only. The header may carry a UTF-8 name as an
 * RFC 8187 value ({@code UTF-8''%E7%94%B0%E4%B8%AD}), percent-encoded ({@code %E7%94%B0%E4%B8%AD}) or as raw UTF-8
 * bytes (which the servlet container reads as ISO-8859-1); all three are decoded.
 */
@Configuration(proxyBeanMethods = false)
public class OperatorIdentityResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private static final int MAX_LENGTH = 100;
    private static final Pattern EXT_VALUE = Pattern.compile("(?i)utf-8'[^']*'(.*)");
    private static final Pattern PERCENT_ENCODED = Pattern.compile("(?:[^%]|%[0-9A-Fa-f]{2})*%[0-9A-Fa-f]{2}(?:[^%]|%[0-9A-Fa-f]{2})*");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == OperatorIdentity.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        Object authenticated = request.getAttribute(OperatorAuthentication.OPERATOR, NativeWebRequest.SCOPE_REQUEST);
        Object role = request.getAttribute(OperatorAuthentication.ROLE, NativeWebRequest.SCOPE_REQUEST);
        String header = request.getHeader(OperatorIdentity.HEADER);
        String note = header == null || header.isBlank() ? null : clean(decode(header));
        note = note == null || note.isBlank() ? null : note;
        Role granted = role instanceof Role r ? r : null;
        if (authenticated != null) {
            // the token names the operator account; the header only notes the person at the keyboard
            String principal = authenticated.toString();
            return new OperatorIdentity(note == null ? principal : principal + "/" + note, principal, granted, note);
        }
        if (note != null) {
            return new OperatorIdentity(note, null, granted, note);
        }
        HttpServletRequest servlet = request.getNativeRequest(HttpServletRequest.class);
        return new OperatorIdentity("operator@" + (servlet == null ? "unknown" : servlet.getRemoteAddr()), null, granted, null);
    }

    /** The header's text as UTF-8: RFC 8187 ext-value, percent-encoding, or UTF-8 bytes read as ISO-8859-1. */
    static String decode(String header) {
        String value = header.trim();
        Matcher ext = EXT_VALUE.matcher(value);
        if (ext.matches()) {
            return percentDecoded(ext.group(1));
        }
        if (PERCENT_ENCODED.matcher(value).matches()) {
            return percentDecoded(value);
        }
        if (value.chars().allMatch(c -> c <= 0xFF) && value.chars().anyMatch(c -> c > 0x7F)) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1))).toString();
            } catch (CharacterCodingException e) {
                return value; // genuinely ISO-8859-1 text
            }
        }
        return value;
    }

    private static String percentDecoded(String value) {
        return java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String clean(String header) {
        String clean = header.replaceAll("[^\\p{L}\\p{N}._@ -]", "").trim();
        return clean.length() > MAX_LENGTH ? clean.substring(0, MAX_LENGTH) : clean;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
