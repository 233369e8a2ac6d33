-- The entity graph. Everything here except entity_aliases, entity_types and memory_links is derived from the
-- memories by the ingest worker and can be rebuilt from them (`admin rebuild-graph`). Only memories recalled by
-- default (active, challenged) feed it: a forgotten, superseded or erased memory leaves no mention and no
-- relation evidence behind, and an entity left with no mention is deleted.

-- What people decided about names; kept across rebuilds. An alias key resolves to the entity key it names.
create table entity_aliases (
    alias_key   text        primary key,
    entity_key  text        not null,
    alias       text        not null,
    created_at  timestamptz not null
);
create index entity_aliases_entity on entity_aliases (entity_key);

-- A type a person set for an entity, overriding the extractor's.
create table entity_types (
    entity_key  text        primary key,
    entity_type text        not null
);

-- One entity per canonical key. Its id is derived from the key, so it survives a rebuild.
create table entities (
    id            uuid        primary key,
    entity_key    text        not null unique,
    name          text        not null,
    entity_type   text        not null,
    mention_count integer     not null default 0,
    first_seen    timestamptz not null,
    last_seen     timestamptz not null
);
create index entities_mentions on entities (mention_count desc, id);

-- Which memories name which entities.
create table entity_mentions (
    entity_id  uuid        not null references entities (id) on delete cascade,
    memory_id  uuid        not null references memories (id) on delete cascade,
    surface    text        not null,
    created_at timestamptz not null,
    primary key (entity_id, memory_id)
);
create index entity_mentions_memory on entity_mentions (memory_id);
-- The entity channel reads an entity's latest mentions.
create index entity_mentions_latest on entity_mentions (entity_id, created_at desc);

-- Relations between entities: co-occurrence in a memory ('co_occurs') or in a session ('same_session'), or a
-- relation a sentence states ('uses', 'works_with', 'depends_on', 'created', 'manages'). Stored with the smaller
-- id first for the symmetric kinds. valid_to is set when a later memory ends a stated relation.
create table entity_relations (
    source_id      uuid        not null references entities (id) on delete cascade,
    target_id      uuid        not null references entities (id) on delete cascade,
    relation       text        not null,
    evidence_count integer     not null default 0,
    first_seen     timestamptz not null,
    last_seen      timestamptz not null,
    valid_from     timestamptz,
    valid_to       timestamptz,
    primary key (source_id, target_id, relation)
);
create index entity_relations_target on entity_relations (target_id);

-- The memories that show a relation.
create table relation_evidence (
    source_id  uuid not null,
    target_id  uuid not null,
    relation   text not null,
    memory_id  uuid not null references memories (id) on delete cascade,
    -- true when this memory ends the relation rather than states it
    ends       boolean not null default false,
    -- For a session relation: the earlier memory of the session whose entity this memory was related to. The
    -- evidence rests on both, so it goes when either stops feeding the graph.
    via_memory uuid references memories (id) on delete cascade,
    primary key (source_id, target_id, relation, memory_id),
    foreign key (source_id, target_id, relation) references entity_relations (source_id, target_id, relation) on delete cascade
);
create index relation_evidence_memory on relation_evidence (memory_id);
create index relation_evidence_via on relation_evidence (via_memory);

-- Links a person or agent drew between two memories.
create table memory_links (
    from_memory uuid        not null references memories (id) on delete cascade,
    to_memory   uuid        not null references memories (id) on delete cascade,
    relation    text        not null,
    created_at  timestamptz not null,
    primary key (from_memory, to_memory, relation)
);
create index memory_links_to on memory_links (to_memory);
