import * as pulumi from "@pulumi/pulumi";

// `resources` maps resource names to `{ type, args }`, `type` a native type token such as
// hookstream:index:NotificationChannel: the program registers them as the generated SDKs do, by token.
// In `args`, "$secret:<key>" stands for the secret stack config value <key>, "$plain:<key>" for the same value read
// as a plain string (the provider must still keep a credential secret), and "$id:<name>" for another resource's id
// (unknown during the first preview).
const config = new pulumi.Config();
const declared = config.requireObject<Record<string, { type: string; args: Record<string, unknown> }>>("resources");
const created: Record<string, pulumi.CustomResource> = {};

function resolve(value: unknown): unknown {
    if (typeof value === "string" && value.startsWith("$secret:")) return config.requireSecret(value.slice(8));
    if (typeof value === "string" && value.startsWith("$plain:")) return config.require(value.slice(7));
    if (typeof value === "string" && value.startsWith("$id:")) return created[value.slice(4)]!.id;
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    }
    return value;
}

/** A resource of any native type, by token. */
class NativeResource extends pulumi.CustomResource {
    constructor(type: string, name: string, args: pulumi.Inputs) {
        super(type, name, args);
    }
}

export const ids: Record<string, pulumi.Output<string>> = {};
for (const [name, { type, args }] of Object.entries(declared)) {
    created[name] = new NativeResource(type, name, resolve(args) as pulumi.Inputs);
    ids[name] = created[name].id;
}
