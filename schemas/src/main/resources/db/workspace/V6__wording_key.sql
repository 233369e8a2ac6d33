-- Dedupe on write looks a new memory's repeat up by its wording (ingest-worker's Wording: NFKC, lower case, the
-- ordered word, number and symbol tokens) instead of decoding the pool's latest vectors for every write. The key
-- is the SHA-256 of that canonical form. Rows written before this migration have none: they are not candidates
-- on the write path, and the dedupe pass computes their wording from the content.
alter table memories add column wording_key bytea;
create index memories_wording_key on memories (wording_key) where wording_key is not null;
