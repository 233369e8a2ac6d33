-- A new narrative is compared with its session's most recent ones (the duplicate finder): one index serves the
-- lookup and the order, where the session index alone left a sort of the whole session.
drop index memories_session;
create index memories_session_created on memories (session_id, created_at desc);

-- Bulk ingestion: a run groups the items of one source, however many requests bring them. The gateway opens a run,
-- numbers its items and counts what it accepted; the ingest worker counts what each item came to in the same
-- transaction as the memories, so progress is exact and survives restarts.

create table ingest_runs (
    id              uuid        primary key,
    -- 'ingest' (items or split text) or 'import' (the lines of an export); a run takes only its own kind.
    run_kind        text        not null,
    source_name     text,
    source_type     text,
    actor_key_id    uuid,
    actor_user_id   uuid,
    -- The next item's index. Reserved before a request's items go to the log, so an index is never given twice;
    -- a request the log refused leaves a gap.
    next_index      integer     not null default 0,
    items_accepted  bigint      not null default 0,
    items_applied   bigint      not null default 0,
    items_merged    bigint      not null default 0,
    items_rejected  bigint      not null default 0,
    started_at      timestamptz not null,
    -- When items last came in: a run no one closes is closed once this is older than the idle setting.
    appended_at     timestamptz not null,
    closed_at       timestamptz,
    -- When an item last came to an outcome.
    applied_at      timestamptz,
    constraint ingest_runs_kind check (run_kind in ('ingest', 'import'))
);

create index ingest_runs_started on ingest_runs (started_at desc, id desc);

-- Each accepted request of a run, by its event id. Written by the gateway once the log holds the request, and by
-- the worker if it gets there first (the gateway may die between the two): items_accepted counts each once.
create table ingest_run_requests (
    event_id    uuid        primary key,
    run_id      uuid        not null references ingest_runs (id) on delete cascade,
    first_index integer     not null,
    items       integer     not null,
    accepted_at timestamptz not null
);

create index ingest_run_requests_run on ingest_run_requests (run_id);

-- What each item came to: stored, merged_into:<id> or rejected:<reason>, with the reason in words. The primary key
-- is also the worker's claim: an item found here is never applied again.
create table ingest_run_items (
    run_id        uuid        not null references ingest_runs (id) on delete cascade,
    item_index    integer     not null,
    memory_id     uuid,
    outcome       text        not null,
    error_code    text,
    error_message text,
    applied_at    timestamptz not null,
    primary key (run_id, item_index)
);

-- Every rejected item, and only a rejected one, has an error code.
create index ingest_run_items_rejected on ingest_run_items (run_id, item_index) where error_code is not null;
