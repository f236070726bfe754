package jp.renkei.hub.api;

import jp.renkei.hub.backbone.Flows;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns API problems into RFC 9457 problem details with a {@code code} property clients can switch on. */
@RestControllerAdvice
public class ApiExceptionHandler {

    @ExceptionHandler(ApiProblem.class)
    ProblemDetail problem(ApiProblem problem) {
        return detail(problem.status(), problem.code(), problem.getMessage());
    }

    @ExceptionHandler(Flows.UnknownFlowException.class)
    ProblemDetail unknownFlow(Flows.UnknownFlowException e) {
        return detail(HttpStatus.NOT_FOUND, "UNKNOWN_FLOW", e.getMessage());
    }

    static ProblemDetail detail(HttpStatus status, String code, String message) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, message);
        detail.setProperty("code", code);
        return detail;
    }
}
