package com.memorylayer.gateway.dashboard;

import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.format.DateTimeParseException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;

/** Failures on dashboard pages answer with a page, not the API's JSON; still no stack trace. */
@ControllerAdvice(basePackageClasses = DashboardErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardErrors {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DashboardErrors.class);

    @ExceptionHandler(ApiException.class)
    String api(ApiException e, Model model, HttpServletResponse response) {
        return page(e.status().value(), e.code().wire(), e.getMessage(), model, response);
    }

    @ExceptionHandler(ResponseStatusException.class)
    String status(ResponseStatusException e, Model model, HttpServletResponse response) {
        return page(e.getStatusCode().value(), "error", e.getReason() == null ? "" : e.getReason(), model, response);
    }

    /** A form field missing, of the wrong type (a path id that is not a UUID, a number that is not one) or unparsable. */
    @ExceptionHandler({ServletRequestBindingException.class, TypeMismatchException.class, DateTimeParseException.class,
            IllegalArgumentException.class})
    String badInput(Exception e, Model model, HttpServletResponse response) {
        // Logged: an IllegalArgumentException may come from deeper than the form, and should not vanish.
        log.warn("dashboard request refused as bad input: {}", e.toString());
        return page(400, "invalid_request", "a form field is missing or not valid", model, response);
    }

    private static String page(int status, String code, String message, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("code", code);
        model.addAttribute("message", message);
        return "error-page";
    }
}
