import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { loadAgent } from "../../../provider/core/undici-agent";

/**
 * The transport's undici `Agent` comes without the rest of undici (provider/core/undici-agent.ts): it sends requests
 * with the request API, and loading the transport loads neither undici's index nor its fetch.
 */
describe("undici's Agent, loaded alone", function () {
    it("sends a request and reads the answer", async function () {
        const server = http.createServer((_req, res) => res.end(JSON.stringify({ ok: true })));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const Agent = loadAgent();
        const agent = new Agent();
        try {
            const { port } = server.address() as AddressInfo;
            const response = await agent.request({ origin: `http://127.0.0.1:${port}`, path: "/", method: "GET" });
            assert.equal(response.statusCode, 200);
            assert.deepEqual(await response.body.json(), { ok: true });
        } finally {
            await agent.close();
            server.close();
        }
    });

    it("is all of undici the transport loads", function () {
        const root = path.resolve(__dirname, "../../..");
        const script =
            'require("./provider/core/transport");' +
            'const loaded = Object.keys(require.cache).filter((f) => f.includes("node_modules/undici/"));' +
            "console.log(JSON.stringify(loaded));";
        const child = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
            cwd: root,
            encoding: "utf8",
        });
        assert.equal(child.status, 0, child.stderr);
        const loaded = (JSON.parse(child.stdout) as string[]).map((file) => path.relative(root, file));
        assert.ok(loaded.includes(path.join("node_modules", "undici", "lib", "dispatcher", "agent.js")), loaded.join());
        for (const file of ["index.js", path.join("lib", "web", "fetch", "index.js")]) {
            assert.ok(!loaded.includes(path.join("node_modules", "undici", file)), `${file} is loaded`);
        }
    });
});
