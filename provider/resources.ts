import { alertRule } from "./alert-rule/kind";
import type { AnyResourceKind } from "./core/resource-kind";
import { notificationChannel } from "./notification-channel/kind";

/**
 * Every resource kind pulumi-hookstream manages. The providers, the wrong-project guard, `discover`, `recover` and
 * the test suites read this list: adding a resource is its folder plus one line here.
 */
export const resourceKinds: readonly AnyResourceKind[] = [notificationChannel, alertRule];

/** The kind a Pulumi type token names, for either host. */
export function kindOfToken(token: string): AnyResourceKind | undefined {
    return resourceKinds.find((kind) => kind.tokens.dynamic === token || kind.tokens.native === token);
}

/** The registered kind of this name (`NotificationChannel`); throws for a name no kind has. */
export function kindNamed(name: string): AnyResourceKind {
    const kind = resourceKinds.find((candidate) => candidate.name === name);
    if (kind === undefined) throw new Error(`no resource kind is named ${name}`);
    return kind;
}
