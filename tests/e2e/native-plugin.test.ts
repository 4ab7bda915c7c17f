import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { startEmulator, type Emulator } from "../../emulator";
import { packPlugin } from "../../native/pack-plugin";
import { NativeHost, launcher } from "../support/native-host";
import { repoRoot } from "../support/provider-host";
import { pulumiBinDir, pulumiEnv, temporaryDir } from "../support/pulumi";

const run = promisify(execFile);
const apiKey = "hs_test_" + "p".repeat(64);
const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
const committedSchema = JSON.parse(fs.readFileSync(path.join(repoRoot, "schema.json"), "utf8"));

describe("the native plugin tarball through the Pulumi CLI", function () {
    this.timeout(10 * 60_000);
    let home: string;
    let env: Record<string, string>;
    let pulumi: string;
    let tarball: string;
    let installed: string;

    before(async function () {
        pulumi = path.join(await pulumiBinDir(), "pulumi");
        home = temporaryDir("hookstream-native-plugin-");
        env = { ...process.env, ...(await pulumiEnv(home)) } as Record<string, string>;
        tarball = packPlugin(home);
        installed = path.join(env.PULUMI_HOME!, "plugins", `resource-hookstream-v${version}`);
    });

    after(function () {
        if (home) fs.rmSync(home, { recursive: true, force: true });
    });

    it("passes the CLI's schema validation", async function () {
        await run(pulumi, ["schema", "check", path.join(repoRoot, "schema.json")], { env });
    });

    it("prints the schema for the repository's launcher with `pulumi package get-schema`", async function () {
        const { stdout } = await run(pulumi, ["package", "get-schema", launcher], { env, maxBuffer: 16 << 20 });
        assert.deepEqual(JSON.parse(stdout), committedSchema);
    });

    it("installs from the tarball with `pulumi plugin install … --file`", async function () {
        await run(pulumi, ["plugin", "install", "resource", "hookstream", version, "--file", tarball], { env });
        assert.ok(fs.statSync(path.join(installed, "pulumi-resource-hookstream")).mode & 0o111);
        const { stdout } = await run(pulumi, ["plugin", "ls"], { env });
        assert.match(stdout, new RegExp(`hookstream\\s+resource\\s+${version.replace(/\./g, "\\.")}`));
    });

    it("serves the schema and manages a channel from the installed copy alone", async function () {
        const emulator: Emulator = await startEmulator({ apiKeys: { [apiKey]: "ops" } });
        const host = await NativeHost.start({ launcher: path.join(installed, "pulumi-resource-hookstream") });
        try {
            assert.deepEqual(JSON.parse(await host.schema()), committedSchema);
            await host.configure({ "hookstream:config:apiKey": apiKey, "hookstream:config:baseUrl": emulator.url });
            const type = "hookstream:index:NotificationChannel";
            const { inputs } = await host.check(type, "ops", {
                channelType: "email",
                config: { recipients: ["oncall@example.com"] },
            });
            const { id } = await host.create(type, inputs);
            assert.deepEqual(
                emulator.channels("ops").map((c) => [c.id, c.name]),
                [[id, "ops"]],
            );
        } finally {
            await host.stop();
            await emulator.close();
        }
    });
});
