import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { repoRoot } from "../support/provider-host";
import { createPackedProject } from "../../scripts/packed-project";
import { testStack } from "../support/pulumi";

/**
 * The published package, as a user gets it: `npm pack`, installed into a fresh Pulumi project outside this tree,
 * running the quickstart example. Also proves that refresh and destroy of existing resources run the code of the
 * package installed now, not a copy frozen into state (pulumi/pulumi#16826).
 */

const apiKey = "hs_test_" + "p".repeat(64);

describe("the packed package in a fresh Pulumi project", function () {
    this.timeout(20 * 60_000);
    let project: string;
    let emulator: Emulator;
    let stack: Stack;
    let compileCache: string;

    before(async function () {
        project = createPackedProject(path.join(repoRoot, "examples", "quickstart"));
        // Node's default cache directory is under os.tmpdir(): a temporary directory of the test's own shows who
        // wrote there, since nothing else in the run turns the cache on.
        const tmp = fs.mkdtempSync(path.join(project, "tmp-"));
        compileCache = path.join(tmp, "node-compile-cache");

        emulator = await startEmulator({ apiKeys: { [apiKey]: "fresh" } });
        ({ stack } = await testStack({
            workDir: project,
            stackName: "fresh",
            env: { TMPDIR: tmp },
        }));
        await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
        await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
        await stack.setConfig("opsSigningSecret", { value: "fresh-signing-secret", secret: true });
        await stack.setConfig("slackWebhookUrl", { value: "https://hooks.slack.com/services/T/B/fresh", secret: true });
        await stack.setConfig("discordWebhookUrl", { value: "https://discord.com/api/webhooks/9/fresh", secret: true });
    });

    after(async function () {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        await emulator?.close();
    });

    it("ships only the built package, with type declarations and both bins", function () {
        const installed = path.join(project, "node_modules", "pulumi-hookstream");
        assert.ok(fs.existsSync(path.join(installed, "dist", "provider", "index.d.ts")));
        assert.ok(fs.existsSync(path.join(installed, "dist", "emulator", "cli.js")));
        assert.equal(fs.existsSync(path.join(installed, "tests")), false);
        assert.equal(fs.existsSync(path.join(installed, "provider")), false, "TypeScript sources are not shipped");
    });

    it("runs the quickstart with up, and stores a __provider that only names the package", async function () {
        const up = await stack.up();
        assert.equal(up.summary.resourceChanges?.create, 6, "the stack, 4 channels and the finishing step");
        assert.equal(emulator.channels("fresh").length, 4);
        const resources = (await stack.exportStack()).deployment.resources.filter(
            (r: { type: string }) => r.type === "pulumi-nodejs:dynamic/hookstream:NotificationChannel",
        );
        for (const resource of resources) {
            const text = String(resource.inputs.__provider);
            assert.match(text, /require\("pulumi-hookstream\/shim"\)/);
            assert.ok(text.length < 2048, `__provider is ${text.length} bytes`);
            assert.equal(/undici|zod/.test(text), false, "no dependency is inlined");
        }
    });

    it("leaves V8's code cache of undici and zod for the next command's provider process", function () {
        assert.ok(fs.existsSync(compileCache), "no compile cache was written");
        const cached = fs.readdirSync(compileCache, { recursive: true, encoding: "utf8" });
        // One file per compiled module: undici's and zod's are many more than this.
        assert.ok(cached.length >= 50, `${cached.length} files in the compile cache`);
    });

    it("runs the installed package's current code for refresh and destroy of existing resources", async function () {
        // A new release of the provider, installed over the old one between two runs.
        const runtime = path.join(project, "node_modules", "pulumi-hookstream", "dist", "provider", "providers.js");
        assert.ok(fs.existsSync(runtime), `${runtime} is not in the installed package`);
        const marker = path.join(project, "upgraded-code-ran.log");
        fs.appendFileSync(
            runtime,
            `\n;(() => { const fs = require("node:fs"); const p = exports.providers.NotificationChannel;` +
                ` for (const m of ["read", "delete"]) { const f = p[m]; p[m] = (...a) => {` +
                ` fs.appendFileSync(${JSON.stringify(marker)}, m + "\\n"); return f(...a); }; } })();\n`,
        );
        await stack.refresh();
        await stack.destroy();
        const calls = fs.readFileSync(marker, "utf8").trim().split("\n");
        assert.equal(calls.filter((c) => c === "read").length, 4);
        assert.equal(calls.filter((c) => c === "delete").length, 4);
        assert.deepEqual(emulator.channels("fresh"), []);
    });
});
