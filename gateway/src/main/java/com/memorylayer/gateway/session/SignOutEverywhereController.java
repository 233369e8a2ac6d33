package com.memorylayer.gateway.session;

import com.memorylayer.gateway.login.SignedInUser;
import com.memorylayer.gateway.login.SignedInUsers;
import com.memorylayer.gateway.login.UserDirectory;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.http.ResponseEntity;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * "Sign out everywhere": ends every session of the signed-in person, on every gateway, this one included; a lost
 * laptop's session stops working at its next request. For people only: keys have no sessions. The sessions are
 * deleted from the shared store (found by their principal name, the person's id), and the person's sign-out time is
 * kept too: a session a request on another gateway held at that moment is refused at its next request
 * ({@link SessionLifetimeFilter}) even if that request wrote it back.
 */
@Controller
class SignOutEverywhereController {

    private final UserDirectory users;
    private final Clock clock;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    SignOutEverywhereController(UserDirectory users, Clock clock,
            FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.users = users;
        this.clock = clock;
        this.sessions = sessions;
    }

    @PostMapping("/v1/me/sign-out-everywhere")
    @ResponseBody
    ResponseEntity<Void> api(HttpServletRequest request) {
        signOutEverywhere(request);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/app/sign-out-everywhere")
    String dashboard(HttpServletRequest request) {
        signOutEverywhere(request);
        return "redirect:/login?signed-out";
    }

    private void signOutEverywhere(HttpServletRequest request) {
        SignedInUser person = SignedInUsers.current().orElseThrow(() -> new ApiException(ErrorCode.SIGN_IN_REQUIRED,
                "sign in to end your sessions; keys have none"));
        users.endAllSessions(person.id(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        sessions.findByPrincipalName(person.getName()).keySet().forEach(sessions::deleteById);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
