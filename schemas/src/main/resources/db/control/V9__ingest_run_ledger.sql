-- The ledger of bulk ingest runs moves from each workspace's schema to the control plane (issue 25): the gateway,
-- which opens runs, numbers their items before they go to the log and counts what the log accepted, touches no
-- workspace table any more. What each item came to (ingest_run_items) and the applied, merged and rejected counts
-- stay in the workspace's schema, written by the ingest worker in the transaction that applies the items; the query
-- service answers a run by reading both.

create table ingest_runs (
    id              uuid        primary key,
    workspace_id    uuid        not null references workspaces (id) on delete cascade,
    -- 'ingest' (items or split text) or 'import' (the lines of an export); a run takes only its own kind.
    run_kind        text        not null,
    source_name     text,
    source_type     text,
    actor_key_id    uuid,
    actor_user_id   uuid,
    -- The next item's index. Reserved before a request's items go to the log, so an index is never given twice;
    -- a request the log refused leaves a gap.
    next_index      integer     not null default 0,
    -- Items of the requests the log holds, each request counted once (ingest_run_requests).
    items_accepted  bigint      not null default 0,
    started_at      timestamptz not null,
    -- When items last came in.
    appended_at     timestamptz not null,
    -- When the run closes by itself if no more items come in: appended_at plus the gateway's run-idle-close at that
    -- time. Stored, so that whoever reads the run needs no copy of that setting.
    idle_close_at   timestamptz not null,
    closed_at       timestamptz,
    constraint ingest_runs_kind check (run_kind in ('ingest', 'import'))
);

create index ingest_runs_workspace_started on ingest_runs (workspace_id, started_at desc, id desc);

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

-- An existing installation's runs come along: every workspace schema that has the old ledger is copied into the new
-- one (its per-item outcomes and applied counts stay where they are). Runs of earlier releases close by themselves
-- ten minutes (the shipped run-idle-close) after their last items, as they did.
do $$
declare
    w record;
begin
    for w in select id, schema_name from workspaces loop
        if to_regclass(format('%I.ingest_runs', w.schema_name)) is not null then
            execute format('insert into ingest_runs (id, workspace_id, run_kind, source_name, source_type, actor_key_id, '
                    || 'actor_user_id, next_index, items_accepted, started_at, appended_at, idle_close_at, closed_at) '
                    || 'select id, %L, run_kind, source_name, source_type, actor_key_id, actor_user_id, next_index, '
                    || 'items_accepted, started_at, appended_at, appended_at + interval ''10 minutes'', closed_at '
                    || 'from %I.ingest_runs on conflict (id) do nothing', w.id, w.schema_name);
            execute format('insert into ingest_run_requests (event_id, run_id, first_index, items, accepted_at) '
                    || 'select event_id, run_id, first_index, items, accepted_at from %I.ingest_run_requests '
                    || 'on conflict (event_id) do nothing', w.schema_name);
        end if;
    end loop;
end
$$;
