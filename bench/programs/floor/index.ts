import * as pulumi from "@pulumi/pulumi";

/**
 * The floor of the whole-engine benchmark: the same `channels` config, the same property shapes and the same
 * dynamic-provider host as the channels program, but a provider that answers from memory. What the engine, the
 * language host and the host's gRPC cost per resource is measured here; the channels program adds only what
 * pulumi-hookstream itself costs (validation, HTTP, response parsing).
 */

type Props = Record<string, unknown>;

let created = 0;

const floorProvider: pulumi.dynamic.ResourceProvider<Props, Props> = {
    async create(inputs) {
        created += 1;
        return { id: `floor-${process.pid}-${created}`, outs: inputs };
    },
    async read(id, props) {
        return { id, props };
    },
    async diff() {
        return { changes: false };
    },
    async delete() {},
};

class FloorResource extends pulumi.dynamic.Resource {
    constructor(name: string, args: Props) {
        super(floorProvider, name, args, undefined, "bench", "Floor");
    }
}

const declared = new pulumi.Config().requireObject<Record<string, Props>>("channels");
for (const [resourceName, args] of Object.entries(declared)) {
    new FloorResource(resourceName, {
        channelType: args.channelType,
        config: args.config,
        name: args.name ?? resourceName,
        enabled: args.enabled ?? true,
        adopt: undefined,
        orgId: undefined,
        envId: undefined,
        errorCount: undefined,
        lastError: undefined,
        lastSentAt: undefined,
        createdAt: undefined,
        updatedAt: undefined,
    });
}

export const count = Object.keys(declared).length;
