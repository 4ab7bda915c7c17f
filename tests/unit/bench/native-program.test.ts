import assert from "node:assert/strict";
import { Module } from "node:module";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { channelSet } from "../../../bench/channel-set";
import { createFinishTypeToken } from "../../../provider/create-finish/type-token";
import { repoRoot } from "../../../scripts/pulumi-toolchain";

// What a resource was declared with: its type and its inputs as the engine receives them.
type Declared = Map<string, { type: string; inputs: Record<string, unknown> }>;

/**
 * Runs a bench program under Pulumi's mocks with the `channels` config of `size` channels, and returns every resource
 * it registered by name. `pulumi-hookstream` resolves to the source, so no build is needed.
 */
async function declaredBy(program: string, size: number): Promise<Declared> {
    const declared: Declared = new Map();
    const project = `hookstream-bench-${program}`;
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                // The dynamic host's step that finishes a create shares its channel's name: host plumbing, left out.
                if (args.type === createFinishTypeToken) return { id: `${args.name}-finish`, state: args.inputs };
                declared.set(args.name, { type: args.type, inputs: args.inputs as Record<string, unknown> });
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call: () => ({}),
        },
        project,
        "bench",
        true,
    );
    pulumi.runtime.setConfig(`${project}:channels`, JSON.stringify(channelSet(size)));
    require(path.join(repoRoot, "bench", "programs", program, "index.ts"));
    await pulumi.runtime.disconnect();
    return declared;
}

/**
 * The inputs both hosts receive: the dynamic host's own plumbing (`__provider`, `__urn`, and what its finishing step
 * needs: `__finishAfterSave`, `__createMarker`) left out.
 */
function hostFree(inputs: Record<string, unknown>): Record<string, unknown> {
    const {
        __provider: _provider,
        __urn: _urn,
        __finishAfterSave: _finishAfterSave,
        __createMarker: _createMarker,
        ...rest
    } = inputs;
    return rest;
}

describe("the bench's native program", function () {
    this.timeout(60_000);
    const size = 6;
    let dynamic: Declared;
    let native: Declared;
    const resolve = (Module as unknown as ModuleWithResolve)._resolveFilename;

    before(async function () {
        // The channels program imports the package by name, which resolves to dist/; point it at the source.
        (Module as unknown as ModuleWithResolve)._resolveFilename = function (request, ...rest) {
            const target = request === "pulumi-hookstream" ? path.join(repoRoot, "provider", "index.ts") : request;
            return resolve.call(this, target, ...rest);
        };
        dynamic = await declaredBy("channels", size);
        native = await declaredBy("native", size);
    });

    after(function () {
        (Module as unknown as ModuleWithResolve)._resolveFilename = resolve;
    });

    it("declares the channels program's resources, each as a native NotificationChannel", function () {
        assert.equal(dynamic.size, size);
        assert.deepEqual([...native.keys()].sort(), [...dynamic.keys()].sort());
        for (const [name, { type }] of native) {
            assert.equal(type, "hookstream:index:NotificationChannel", name);
        }
    });

    it("gives each resource the inputs the channels program gives it", function () {
        for (const [name, { inputs }] of dynamic) {
            assert.deepEqual(native.get(name)?.inputs, hostFree(inputs), name);
        }
    });
});

interface ModuleWithResolve {
    _resolveFilename(this: unknown, request: string, ...rest: unknown[]): string;
}
