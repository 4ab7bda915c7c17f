import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { localStack, temporaryDir } from "../scripts/pulumi-toolchain";
import { createFinishTypeToken } from "../provider/create-finish/type-token";
import { channelSet } from "./channel-set";
import { startEmulatorProcess } from "./emulator-process";
import { figure, type Figure } from "./figure";

/**
 * Measurement 2: the bytes of `__provider` that every resource stores (twice: in its inputs and its outputs), read
 * from `pulumi stack export` of real stacks: the channels program inside this repository (the shim is inlined),
 * the same program in a fresh project with the packed package installed (the shim is a `require`), and the floor.
 */

const apiKey = "hs_test_" + "s".repeat(64);
const goalBytes = 2048;
const inlinedDependency = /undici|zod/;

export interface StoredProvider {
    /** The largest `__provider`, in UTF-8 bytes. */
    bytes: number;
    /** The whole state of one declared resource (the largest), `__provider` included, in bytes of JSON. */
    resourceBytes: number;
    inlinesDependency: boolean;
    /** The start of the text, for the report. */
    head: string;
}

export async function measureProviderSize(
    packedProject: string,
): Promise<{ figures: Figure[]; floor: StoredProvider }> {
    const emulator = await startEmulatorProcess({ apiKey, project: "size" });
    const backendDir = temporaryDir("hookstream-bench-size");
    const programs = path.join(__dirname, "programs");
    try {
        const inRepo = await storedProvider(path.join(programs, "channels"), backendDir, emulator.url);
        const packed = await storedProvider(packedProject, backendDir, emulator.url);
        const floor = await storedProvider(path.join(programs, "floor"), backendDir, emulator.url);
        const sizeFigure = (label: string, stored: StoredProvider): Figure => {
            const measured = figure({
                group: "2 stored provider",
                label,
                unit: "B",
                subject: stored.bytes,
                baseline: goalBytes,
                baselineName: "2 KB goal",
                goal: { max: 1 },
                note:
                    `${stored.inlinesDependency ? "INLINES undici/zod" : "no undici/zod"}; ` +
                    `${stored.resourceBytes} B of state per resource; ${JSON.stringify(stored.head)}`,
            });
            // A dependency inlined into state is a failure whatever the size.
            return { ...measured, pass: measured.pass === true && !stored.inlinesDependency };
        };
        return {
            figures: [
                sizeFigure("__provider, program in this repo", inRepo),
                sizeFigure("__provider, packed package installed", packed),
            ],
            floor,
        };
    } finally {
        fs.rmSync(backendDir, { recursive: true, force: true });
        await emulator.close();
    }
}

async function storedProvider(workDir: string, backendDir: string, baseUrl: string): Promise<StoredProvider> {
    const stackName = "bench-size";
    const { stack } = await localStack({ workDir, stackName, backendDir });
    try {
        await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
        await stack.setConfig("hookstream:baseUrl", { value: baseUrl });
        await stack.setConfig("channels", { value: JSON.stringify(channelSet(3, "size")) });
        await stack.up();
        const resources = await dynamicResources(stack);
        await stack.destroy();
        // The channels programs also hold the step that finishes their creates, which stores a `__provider` too.
        const declared = resources.filter((resource) => resource.type !== createFinishTypeToken);
        if (declared.length !== 3) {
            throw new Error(`expected 3 declared dynamic resources in ${workDir}, found ${declared.length}`);
        }
        const texts = resources.map((resource) => String(resource.inputs.__provider));
        const largest = texts.reduce((a, b) => (Buffer.byteLength(a) >= Buffer.byteLength(b) ? a : b));
        return {
            bytes: Buffer.byteLength(largest),
            resourceBytes: Math.max(...declared.map((resource) => Buffer.byteLength(JSON.stringify(resource)))),
            inlinesDependency: texts.some((text) => inlinedDependency.test(text)),
            head: largest.replace(/\s+/g, " ").slice(0, 60),
        };
    } finally {
        await stack.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
        fs.rmSync(path.join(workDir, `Pulumi.${stackName}.yaml`), { force: true });
    }
}

interface ExportedResource {
    type: string;
    inputs: Record<string, unknown>;
}

async function dynamicResources(stack: Stack): Promise<ExportedResource[]> {
    const { deployment } = await stack.exportStack();
    return (deployment.resources as ExportedResource[]).filter((resource) =>
        resource.type.startsWith("pulumi-nodejs:dynamic/"),
    );
}
