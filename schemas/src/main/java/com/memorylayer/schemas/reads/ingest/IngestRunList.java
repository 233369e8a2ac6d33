package com.memorylayer.schemas.reads.ingest;

import java.util.List;

/** A workspace's runs, newest first. */
public record IngestRunList(List<IngestRunView> runs) {
}
