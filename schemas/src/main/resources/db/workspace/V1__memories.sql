-- One workspace's memories. Every workspace schema is created from these migrations; jOOQ classes are
-- generated against the template schema "workspace_template" and mapped to the real schema per query.

-- Every insert and update takes a fresh value, so a reader can fetch "everything changed since N".
-- Commands for one workspace are keyed to one Kafka partition and applied by one consumer in order, so
-- values become visible in increasing order: a reader that has seen N has seen everything below N.
create sequence memory_change_seq;

create table memories (
    id              uuid        primary key,
    content         text        not null,
    kind            text        not null,
    tags            text[]      not null default '{}',
    metadata        jsonb       not null default '{}',
    importance      double precision not null default 0.7,
    session_id      text,
    source          text        not null,
    content_hash    bytea       not null,
    -- L2-normalised float32 vector, little-endian; no pgvector here, vectors are searched in process.
    embedding       bytea       not null,
    embedding_model text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    deleted_at      timestamptz,
    change_seq      bigint      not null default nextval('memory_change_seq'),
    constraint memories_importance_range check (importance >= 0 and importance <= 1)
);

create index memories_change_seq on memories (change_seq);
create index memories_content_hash on memories (content_hash);

-- Ids of the command events already applied: applying the same event twice changes nothing.
create table applied_events (
    event_id   uuid        primary key,
    event_type text        not null,
    memory_id  uuid,
    applied_at timestamptz not null default now()
);
