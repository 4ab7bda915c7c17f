import * as pulumi from "@pulumi/pulumi";

/**
 * The floor of the whole-engine benchmark: the same `channels` config, the same property shapes and the same
 * dynamic-provider host as the channels program, but a provider that answers from memory what hookstream answers (the
 * values it computes for a new channel). What the engine, the language host and the host's gRPC cost per resource is
 * measured here; the channels program adds only what pulumi-hookstream itself costs (validation, HTTP, response
 * parsing, and what it keeps in state to be safe from kills).
 */

type Props = Record<string, unknown>;

let created = 0;

/**
 * For the distant-API figures, each operation waits as long as one request to the distant server would, and sends
 * nothing: what a provider costs that makes exactly one request per operation, with no work of its own. The wait
 * travels in the inputs (`floorLatencyMs`), as the serialized provider captures no config.
 */
const wait = (props: Props | undefined) =>
    new Promise((resolve) => setTimeout(resolve, Number(props?.floorLatencyMs ?? 0)));

const floorProvider: pulumi.dynamic.ResourceProvider<Props, Props> = {
    async create(inputs) {
        await wait(inputs);
        created += 1;
        const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
        const computed = { orgId: "org_0123456789abcdef", envId: "env_0123456789abcdef", errorCount: 0 };
        return {
            id: `floor-${process.pid}-${created}`,
            outs: { ...inputs, ...computed, createdAt: now, updatedAt: now },
        };
    },
    async read(id, props) {
        await wait(props);
        return { id, props };
    },
    async diff() {
        return { changes: false };
    },
    async delete(_id, props) {
        await wait(props);
    },
};

class FloorResource extends pulumi.dynamic.Resource {
    constructor(name: string, args: Props) {
        super(floorProvider, name, args, undefined, "bench", "Floor");
    }
}

const config = new pulumi.Config();
const floorLatencyMs = config.getNumber("floorLatencyMs") ?? 0;
const declared = config.requireObject<Record<string, Props>>("channels");
for (const [resourceName, args] of Object.entries(declared)) {
    new FloorResource(resourceName, {
        channelType: args.channelType,
        config: args.config,
        name: args.name ?? resourceName,
        enabled: args.enabled ?? true,
        adopt: undefined,
        verify: undefined,
        orgId: undefined,
        envId: undefined,
        errorCount: undefined,
        lastError: undefined,
        lastSentAt: undefined,
        createdAt: undefined,
        updatedAt: undefined,
        ...(floorLatencyMs > 0 ? { floorLatencyMs } : {}),
    });
}

export const count = Object.keys(declared).length;
