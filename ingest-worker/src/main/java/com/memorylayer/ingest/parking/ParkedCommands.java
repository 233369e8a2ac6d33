package com.memorylayer.ingest.parking;

import static com.memorylayer.schemas.jooq.control.Tables.PARKED_COMMANDS;

import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The commands set aside while their workspace's Postgres server is away ({@code control.parked_commands}, on the
 * primary server). Without them one server away would stall every workspace: the worker retries a failing batch
 * until it applies, and a batch holds many workspaces' commands. Parked, a workspace's commands keep their order:
 * while any is parked, every later one of that workspace is parked behind it, and {@link ParkedCommandDrainer}
 * applies them in the order parked once the server answers. A parked command is durable before the offset that
 * carried it is committed (the listener parks before it returns), so nothing accepted is lost.
 */
@Component
public class ParkedCommands {

    private static final Logger log = LoggerFactory.getLogger(ParkedCommands.class);

    /** The topic a parked command came from, and so the consumer that applies it. */
    public enum From {
        COMMANDS("commands"), BULK("bulk"), MAINTENANCE("maintenance");

        private final String wire;

        From(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static From ofWire(String wire) {
            for (From from : values()) {
                if (from.wire.equals(wire)) {
                    return from;
                }
            }
            throw new IllegalArgumentException("no parked-command topic " + wire);
        }
    }

    /** One parked command. */
    public record Parked(long seq, From from, EventEnvelope event) {
    }

    private final DSLContext control;
    private final ServerAvailability servers;

    /** @param control a context on the primary server, where the control schema is */
    public ParkedCommands(DSLContext control, ServerAvailability servers) {
        this.control = control;
        this.servers = servers;
    }

    /**
     * Parks the commands of every workspace that has commands parked already or whose server is away, and returns
     * the others, in order, to be applied now.
     */
    public <T> List<T> applyNowOrPark(From from, List<T> commands, Function<T, EventEnvelope> eventOf) {
        if (commands.isEmpty() || servers.primaryOnly()) {
            return commands;
        }
        Set<UUID> workspaces = new LinkedHashSet<>();
        commands.forEach(c -> workspaces.add(eventOf.apply(c).workspace()));
        Set<UUID> parking = new HashSet<>(control.selectDistinct(PARKED_COMMANDS.WORKSPACE_ID).from(PARKED_COMMANDS)
                .where(PARKED_COMMANDS.WORKSPACE_ID.in(workspaces)).fetch(PARKED_COMMANDS.WORKSPACE_ID));
        List<UUID> notParked = workspaces.stream().filter(w -> !parking.contains(w)).toList();
        parking.addAll(servers.away(notParked));
        if (parking.isEmpty()) {
            return commands;
        }
        List<T> now = new ArrayList<>(commands.size());
        List<EventEnvelope> parked = new ArrayList<>();
        for (T command : commands) {
            EventEnvelope event = eventOf.apply(command);
            if (parking.contains(event.workspace())) {
                parked.add(event);
            } else {
                now.add(command);
            }
        }
        park(from, parked);
        return now;
    }

    /** As {@link #applyNowOrPark(From, List, Function)}, for commands that are their events. */
    public List<EventEnvelope> applyNowOrPark(From from, List<EventEnvelope> events) {
        return applyNowOrPark(from, events, Function.identity());
    }

    private void park(From from, List<EventEnvelope> events) {
        control.transaction(c -> {
            for (EventEnvelope event : events) {
                c.dsl().insertInto(PARKED_COMMANDS)
                        .set(PARKED_COMMANDS.WORKSPACE_ID, event.workspace())
                        .set(PARKED_COMMANDS.TOPIC, from.wire())
                        .set(PARKED_COMMANDS.EVENT_ID, event.id())
                        .set(PARKED_COMMANDS.ENVELOPE, EventCodec.encode(event))
                        .onConflictDoNothing()
                        .execute();
            }
        });
        log.warn("parked {} {} command(s) of workspace(s) {} until their Postgres server answers", events.size(), from.wire(),
                events.stream().map(EventEnvelope::workspace).distinct().toList());
    }

    /** The workspaces with commands parked, at most {@code limit}. */
    List<UUID> workspaces(int limit) {
        return control.selectDistinct(PARKED_COMMANDS.WORKSPACE_ID).from(PARKED_COMMANDS).limit(limit)
                .fetch(PARKED_COMMANDS.WORKSPACE_ID);
    }

    /** The workspace's first {@code limit} parked commands, in the order parked, read within {@code tx}. */
    static List<Parked> first(DSLContext tx, UUID workspace, int limit) {
        return tx.select(PARKED_COMMANDS.SEQ, PARKED_COMMANDS.TOPIC, PARKED_COMMANDS.ENVELOPE).from(PARKED_COMMANDS)
                .where(PARKED_COMMANDS.WORKSPACE_ID.eq(workspace)).orderBy(PARKED_COMMANDS.SEQ).limit(limit)
                .fetch(r -> new Parked(r.value1(), From.ofWire(r.value2()), EventCodec.decode(r.value3())));
    }

    static void remove(DSLContext tx, List<Parked> applied) {
        tx.deleteFrom(PARKED_COMMANDS).where(PARKED_COMMANDS.SEQ.in(applied.stream().map(Parked::seq).toList())).execute();
    }

    static void removeAll(DSLContext tx, UUID workspace) {
        tx.deleteFrom(PARKED_COMMANDS).where(PARKED_COMMANDS.WORKSPACE_ID.eq(workspace)).execute();
    }

    /** How many commands are parked, for the worker's gauge. */
    public int count() {
        return control.fetchCount(PARKED_COMMANDS);
    }

    DSLContext control() {
        return control;
    }
}
