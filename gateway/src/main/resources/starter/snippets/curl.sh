# Needs MEMORYLAYER_URL, MEMORYLAYER_WORKSPACE and MEMORYLAYER_API_KEY in the environment.
curl -sS -X POST "$MEMORYLAYER_URL/v1/workspaces/$MEMORYLAYER_WORKSPACE/memories" \
  -H "Authorization: Bearer $MEMORYLAYER_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"content": "The staging database moved to eu-west-1 on 2026-03-02.", "tags": ["infra", "staging"], "layer": "semantic", "memory_type": "fact"}'

curl -sS -X POST "$MEMORYLAYER_URL/v1/workspaces/$MEMORYLAYER_WORKSPACE/recall" \
  -H "Authorization: Bearer $MEMORYLAYER_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"query": "where is the staging database?", "limit": 5}'
