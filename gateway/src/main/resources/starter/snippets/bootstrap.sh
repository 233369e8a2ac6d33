# Needs MEMORYLAYER_URL, MEMORYLAYER_WORKSPACE and MEMORYLAYER_API_KEY in the environment.
# What the workspace offers (URLs, tool names and groups, skills) and which key this is.
curl -sS "$MEMORYLAYER_URL/v1/workspaces/$MEMORYLAYER_WORKSPACE/bootstrap" \
  -H "Authorization: Bearer $MEMORYLAYER_API_KEY"

# A ready .mcp.json for Claude Code; it reads the key from MEMORYLAYER_API_KEY, never stores it.
curl -sS "$MEMORYLAYER_URL/v1/workspaces/$MEMORYLAYER_WORKSPACE/connect/claude-code" \
  -H "Authorization: Bearer $MEMORYLAYER_API_KEY" > .mcp.json
