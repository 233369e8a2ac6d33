// npm install @modelcontextprotocol/sdk; needs MEMORYLAYER_URL, MEMORYLAYER_WORKSPACE and MEMORYLAYER_API_KEY.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const url = new URL(`${process.env.MEMORYLAYER_URL}/v1/workspaces/${process.env.MEMORYLAYER_WORKSPACE}/mcp`);
const transport = new StreamableHTTPClientTransport(url, {
  requestInit: { headers: { Authorization: `Bearer ${process.env.MEMORYLAYER_API_KEY}` } },
});
const client = new Client({ name: "my-agent", version: "1.0.0" });
await client.connect(transport);

await client.callTool({
  name: "remember",
  arguments: { content: "Release 2.4 ships on Thursday after the load test.", tags: ["release"] },
});
const recalled = await client.callTool({ name: "recall", arguments: { query: "when does 2.4 ship?", top_k: 3 } });
console.log(recalled.structuredContent);
await client.close();
