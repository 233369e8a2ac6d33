-- An erasure reaches every copy of the erased text the workspace keeps, not only the memory's row: the samples of
-- batch previews and bulk forgets that GET /commands/{id} shows, and the memories extract_patterns derived from it.
-- Both are found by a containment lookup (result -> 'sample' @> '[{"id": ...}]', metadata -> 'derived_from' @>
-- '"<id>"'), which these indexes answer without reading every applied command or memory.
create index applied_events_sample_ids on applied_events using gin ((result -> 'sample') jsonb_path_ops);
create index memories_derived_from on memories using gin ((metadata -> 'derived_from'));
