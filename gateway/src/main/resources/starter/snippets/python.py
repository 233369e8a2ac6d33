# pip install requests; needs MEMORYLAYER_URL, MEMORYLAYER_WORKSPACE and MEMORYLAYER_API_KEY in the environment.
import os

import requests

BASE = os.environ["MEMORYLAYER_URL"]
WORKSPACE = os.environ["MEMORYLAYER_WORKSPACE"]
MCP_URL = f"{BASE}/v1/workspaces/{WORKSPACE}/mcp"
HEADERS = {
    "Authorization": "Bearer " + os.environ["MEMORYLAYER_API_KEY"],
    "Accept": "application/json, text/event-stream",
}


def call_tool(message):
    answer = requests.post(MCP_URL, headers=HEADERS, json=message, timeout=30)
    answer.raise_for_status()
    result = answer.json()["result"]
    if result.get("isError"):
        raise RuntimeError(result["content"][0]["text"])
    return result["structuredContent"]


context = call_tool({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                     "params": {"name": "recall_context", "arguments": {"query": "current project state", "max_tokens": 1200}}})
print(context["context"])

call_tool({"jsonrpc": "2.0", "id": 2, "method": "tools/call",
           "params": {"name": "session_checkpoint", "arguments": {"session_id": "2026-03-02-python", "note": "Read the project state", "limit": 8}}})
