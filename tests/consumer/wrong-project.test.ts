import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { createConsumerProject } from "../../scripts/packed-project";
import { repoRoot } from "../../scripts/pulumi-toolchain";
import { consumerStack } from "./support/consumer-stack";

/**
 * The wrong-project guard through the real CLI, in a project that installed the packed package: a stack whose
 * channels live in one hookstream project, run with the key of another (a copied stack config, or the wrong
 * HOOKSTREAM_API_KEY exported in CI), must fail before changing anything, instead of dropping its channels on
 * refresh and creating them again in the wrong project.
 */

/** The end-to-end suite's config-driven program, run from a project that installed the packed tarball. */
const programText = () =>
    fs.readFileSync(path.join(repoRoot, "tests", "e2e", "programs", "channels", "index.ts"), "utf8");
const keys = { prod: "hs_test_" + "a".repeat(64), dev: "hs_test_" + "b".repeat(64) };
const channels = {
    ops: { channelType: "webhook", config: { url: "https://ops.example.com/alerts" } },
    mail: { channelType: "email", config: { recipients: ["oncall@example.com"] } },
};

type KeyForm = "stack config" | "environment variable";

async function useKey(stack: Stack, form: KeyForm, key: string) {
    const workspace = stack.workspace as LocalWorkspace;
    if (form === "stack config") {
        delete workspace.envVars.HOOKSTREAM_API_KEY;
        await stack.setConfig("hookstream:apiKey", { value: key, secret: true });
    } else {
        await stack.removeConfig("hookstream:apiKey");
        workspace.envVars.HOOKSTREAM_API_KEY = key;
    }
}

async function failure(run: Promise<unknown>): Promise<string> {
    const error = await run.then(
        () => undefined,
        (e: Error) => e,
    );
    assert.ok(error, "the command was expected to fail");
    return error.message;
}

async function storedChannelIds(stack: Stack): Promise<string[]> {
    const exported = await stack.exportStack();
    return exported.deployment.resources
        .filter((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/hookstream:NotificationChannel")
        .map((r: { id: string }) => r.id)
        .sort();
}

for (const form of ["stack config", "environment variable"] as const) {
    describe(`a stack run with another project's key (${form})`, function () {
        this.timeout(20 * 60_000);
        let emulator: Emulator;
        let stack: Stack;
        let prodIds: string[];
        let prodEnv: string;

        before(async function () {
            emulator = await startEmulator({ apiKeys: { [keys.prod]: "prod", [keys.dev]: "dev" } });
            ({ stack } = await consumerStack(createConsumerProject({ layout: "template", program: programText() }), {
                stackName: `wrong-project-${form.split(" ")[0]}`,
            }));
            await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
            await stack.setConfig("channels", { value: JSON.stringify(channels) });
            await useKey(stack, form, keys.prod);
            await stack.up();
            prodIds = emulator
                .channels("prod")
                .map((c) => c.id)
                .sort();
            prodEnv = emulator.channels("prod")[0]!.env_id;
            assert.deepEqual(await storedChannelIds(stack), prodIds);
        });

        after(async function () {
            await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
            await emulator?.close();
        });

        it("refuses to refresh when the other project is empty, explaining both possibilities", async function () {
            await useKey(stack, form, keys.dev);
            const message = await failure(stack.refresh({ runProgram: true }));
            assert.match(message, /not found \(404\) with the API key in use/);
            assert.match(message, new RegExp(`created in project ${prodEnv}`));
            assert.match(message, /pulumi state delete 'urn:pulumi:[^']+::(ops|mail)'/);
            assert.match(message, /pulumi config set --secret hookstream:apiKey/);
            assert.deepEqual(await storedChannelIds(stack), prodIds, "state keeps every channel");
            assert.equal(emulator.channels("dev").length, 0);
        });

        it("refuses refresh, up and destroy when the other project has channels, naming both projects", async function () {
            const devChannel = emulator.createChannel("dev", {
                name: "dev-only",
                channel_type: "email",
                config: { recipients: ["dev@example.com"] },
            });
            await useKey(stack, form, keys.dev);
            const expected = new RegExp(
                `belongs to hookstream project ${prodEnv}, but the API key in use belongs to project ${devChannel.env_id}`,
            );

            assert.match(await failure(stack.refresh({ runProgram: true })), expected);
            assert.match(await failure(stack.up({ refresh: true })), expected);
            // An update of a declared channel is refused too, before anything is created in the wrong project.
            await stack.setConfig("channels", {
                value: JSON.stringify({ ...channels, ops: { ...channels.ops, name: "ops renamed" } }),
            });
            assert.match(await failure(stack.up()), expected);
            assert.match(await failure(stack.destroy({ runProgram: true })), expected);

            assert.deepEqual(await storedChannelIds(stack), prodIds, "state keeps every channel");
            assert.deepEqual(
                emulator.channels("dev").map((c) => c.id),
                [devChannel.id],
                "nothing was created in the other project",
            );
            assert.deepEqual(
                emulator
                    .channels("prod")
                    .map((c) => c.id)
                    .sort(),
                prodIds,
                "nothing was deleted in the right one",
            );
            await stack.setConfig("channels", { value: JSON.stringify(channels) });
        });

        it("with the right key again, sees a real out-of-band delete as gone", async function () {
            await useKey(stack, form, keys.prod);
            await stack.refresh({ runProgram: true });
            const preview = await stack.preview();
            assert.equal(preview.changeSummary.update ?? 0, 0);
            // The refused destroy deleted the finishing step first (it depends on every channel, and its delete sends
            // nothing); the next `up` makes it again. No channel is created.
            assert.equal(preview.changeSummary.create ?? 0, 1);

            const [deleted, kept] = prodIds as [string, string];
            emulator.deleteChannel(deleted);
            await stack.refresh({ runProgram: true });
            assert.deepEqual(await storedChannelIds(stack), [kept]);
        });
    });
}
