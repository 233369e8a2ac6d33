package com.memorylayer.gateway.session;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The sessions this gateway holds now; registered with the servlet container as a session listener. */
@Component
public class ActiveSessions implements HttpSessionListener {

    private final Set<HttpSession> sessions = ConcurrentHashMap.newKeySet();

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        sessions.add(event.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.remove(event.getSession());
    }

    public int count() {
        return sessions.size();
    }

    /** Sessions holding an attribute whose name contains {@code fragment}: what the gateway keeps in them. */
    public long holdingAttribute(String fragment) {
        return sessions.stream().filter(s -> {
            try {
                return Collections.list(s.getAttributeNames()).stream().anyMatch(n -> n.contains(fragment));
            } catch (IllegalStateException invalidated) {
                return false;
            }
        }).count();
    }
}
