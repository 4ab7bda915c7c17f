import { buildProvider, type AnyKindProvider } from "./core/kind-provider";
import { resourceKinds } from "./resources";

/** Every resource kind's provider, by the kind's name (what its shim asks for). */
export const providers: Readonly<Record<string, AnyKindProvider>> = Object.fromEntries(
    resourceKinds.map((kind) => [kind.name, buildProvider(kind, { kinds: resourceKinds })]),
);
