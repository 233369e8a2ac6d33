package com.memorylayer.gateway.session;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** How many sessions this gateway holds now; registered with the servlet container as a session listener. */
@Component
public class ActiveSessions implements HttpSessionListener {

    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        count.incrementAndGet();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        count.decrementAndGet();
    }

    public int count() {
        return count.get();
    }
}
