# Needs MEMORYLAYER_URL, MEMORYLAYER_WORKSPACE and MEMORYLAYER_API_KEY in the environment; jq to read the run id.
# One request takes up to 1000 items; each becomes a memory once the ingest worker applies it.
RUN_ID=$(curl -sS -X POST "$MEMORYLAYER_URL/v1/workspaces/$MEMORYLAYER_WORKSPACE/ingest" \
  -H "Authorization: Bearer $MEMORYLAYER_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"source_name": "sprint 14 handoff", "source_type": "handoff", "memory_type": "fact", "tags": ["sprint-14"],
       "items": [{"content": "Checkout now retries card payments once after a timeout."},
                 {"content": "The search index is rebuilt nightly at 02:00 UTC."},
                 {"content": "Feature flag new-onboarding is on for 10% of accounts."}]}' | jq -r .run_id)

# The run's progress: items stored, merged and rejected so far.
curl -sS "$MEMORYLAYER_URL/v1/workspaces/$MEMORYLAYER_WORKSPACE/ingest/runs/$RUN_ID" \
  -H "Authorization: Bearer $MEMORYLAYER_API_KEY"
