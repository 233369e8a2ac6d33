-- Agent sessions. A session is the caller's: the session_id memories and recalls carry. Nothing here is shared
-- between sessions; a reader names the session it reads. Handoff packets are not kept here: they are memories of
-- kind 'handoff', exported and erased like any other.

-- A session's diary, in the agent's own words. Kept until the workspace goes, like its memories.
create table session_diary (
    id         uuid        primary key,
    session_id text        not null,
    entry      text        not null,
    written_at timestamptz not null
);
create index session_diary_latest on session_diary (session_id, written_at desc, id);

-- What a session asked (recalls naming it), for its handoff. Only the latest few per session are kept.
create table session_queries (
    id          bigint generated always as identity primary key,
    session_id  text        not null,
    query       text        not null,
    results     integer     not null,
    recalled_at timestamptz not null
);
create index session_queries_latest on session_queries (session_id, recalled_at desc, id desc);

-- Resume reads the latest saved handoffs, which are memories of kind 'handoff': few among many.
create index memories_handoffs on memories (created_at desc, id desc) where kind = 'handoff';
