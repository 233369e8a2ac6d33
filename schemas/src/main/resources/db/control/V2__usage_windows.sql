-- Usage per workspace and per key in per-minute and per-day windows, materialised by the audit-sink.
-- Rows hold absolute window totals, never increments: the sink upserts a window's whole total each time, so
-- writing the same total twice (a crash between the database commit and the Kafka commit) changes nothing.

-- A replay must rebuild audit_events identically, so it holds only what the event says, not when it landed.
alter table audit_events drop column recorded_at;

create index audit_events_workspace_key_time on audit_events (workspace_id, key_id, occurred_at desc);

create table usage_workspace_windows (
    workspace_id      uuid        not null,
    granularity       text        not null,
    window_start      timestamptz not null,
    requests          bigint      not null,
    client_errors     bigint      not null,
    server_errors     bigint      not null,
    bytes_in          bigint      not null,
    bytes_out         bigint      not null,
    memories_written  bigint      not null,
    recalls           bigint      not null,
    memories_embedded bigint      not null,
    embedding_tokens  bigint      not null,
    primary key (workspace_id, granularity, window_start),
    constraint usage_workspace_windows_granularity check (granularity in ('minute', 'day'))
);

create table usage_key_windows (
    key_id            uuid        not null,
    workspace_id      uuid        not null,
    granularity       text        not null,
    window_start      timestamptz not null,
    requests          bigint      not null,
    client_errors     bigint      not null,
    server_errors     bigint      not null,
    bytes_in          bigint      not null,
    bytes_out         bigint      not null,
    memories_written  bigint      not null,
    recalls           bigint      not null,
    memories_embedded bigint      not null,
    embedding_tokens  bigint      not null,
    primary key (key_id, granularity, window_start),
    constraint usage_key_windows_granularity check (granularity in ('minute', 'day'))
);

create index usage_key_windows_workspace on usage_key_windows (workspace_id, granularity, window_start);
