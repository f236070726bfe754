package jp.renkei.hub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Vendor ingress takes the file as the request body ({@code curl --data-binary @file}). A {@code multipart/*} post
 * ({@code curl -F file=@…}) is refused 415 before the servlet reads it: the dispatcher would otherwise parse the form
 * and leave an empty body, which used to be stored, relayed and delivered as an empty file.
 */
@Component
public class InboundMediaTypeFilter extends OncePerRequestFilter {

    static final String INBOUND = "/api/v1/inbound/";

    private final ObjectMapper json;

    public InboundMediaTypeFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + INBOUND);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            ProblemDetail detail = ApiExceptionHandler.detail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "FORM_NOT_SUPPORTED",
                    request.getRequestURI() + ": the body is a " + type.split(";")[0].strip() + " form; send the file itself "
                    + "as the body (curl --data-binary @<file>, Content-Type application/octet-stream or text/csv) and its "
                    + "name in " + InboundController.FILE_NAME_HEADER);
            detail.setInstance(java.net.URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setHeader("Connection", "close"); // the form is not read; do not reuse the connection behind it
            json.writeValue(response.getOutputStream(), detail);
            return;
        }
        chain.doFilter(request, response);
    }
}
