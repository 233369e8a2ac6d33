package com.memorylayer.ingest.parking;

import com.memorylayer.ingest.parking.ParkedCommands.From;
import com.memorylayer.schemas.events.EventEnvelope;
import java.util.List;

/** A consumer's own way of applying its commands, used again for those it parked. */
public interface ParkedCommandApplier {

    /** The topic whose commands this applies. */
    From from();

    /** Applies these commands, in order, as the consumer applies what it polls (and fails as it would). */
    void applyParked(List<EventEnvelope> commands);
}
