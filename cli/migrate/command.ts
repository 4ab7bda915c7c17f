import { randomUUID } from "node:crypto";
import { PulumiCli } from "../recover/pulumi-cli";
import { planMigration, type MigrationPlan } from "./plan";

export interface MigrateOptions {
    cwd: string;
    stack: string | undefined;
    dryRun: boolean;
    /** The Pulumi CLI to run; `pulumi` from PATH by default. */
    pulumiCommand?: string;
}

/**
 * `hookstream-pulumi migrate`: moves every pulumi-hookstream resource of a stack from the dynamic provider to the
 * native one (plan.ts says how), through the user's own `pulumi` CLI: one `stack export`, one `stack import`. Nothing
 * is asked of hookstream and no secret is decrypted. Returns the exit code: 1 when the stack cannot be moved as it is.
 */
export async function migrate(options: MigrateOptions, print: (line: string) => void): Promise<number> {
    const pulumi = new PulumiCli({ cwd: options.cwd, stack: options.stack, command: options.pulumiCommand });
    const plan = planMigration(await pulumi.exportState(), {
        providerId: randomUUID(),
        now: new Date().toISOString(),
    });
    if (plan.action === "none") {
        print("no resource of the dynamic pulumi-hookstream provider in this stack: nothing to move");
        return 0;
    }
    if (plan.action === "refuse") {
        print(`nothing was changed: ${plan.reason}`);
        return 1;
    }
    for (const line of describe(plan)) print(line);
    if (options.dryRun) {
        print("dry run: the stack was not changed");
        return 0;
    }
    await pulumi.importState(plan.state);
    print(
        `moved ${plan.moved.length} resource(s) in the stack. Next, before any \`pulumi up\`: switch the program to ` +
            "the native types (hookstream:index:NotificationChannel, hookstream:index:AlertRule; same names and " +
            "arguments) and make the plugin available, then `pulumi preview` shows no change. An `up` of the " +
            "unchanged program would create every resource again and delete the moved ones.",
    );
    return 0;
}

function describe(plan: Extract<MigrationPlan, { action: "migrate" }>): string[] {
    const lines = [`${plan.moved.length} resource(s) of the dynamic provider move to the native one, ids unchanged:`];
    for (const moved of plan.moved) lines.push(`  ${moved.name} (${moved.kind}, ${moved.id}): ${moved.to}`);
    lines.push(
        plan.provider.added
            ? `  adds the default provider ${plan.provider.urn}` +
                  (plan.provider.configKeys.length > 0
                      ? ` with the stack's ${plan.provider.configKeys.map((key) => `hookstream:${key}`).join(", ")}`
                      : "")
            : `  uses the default provider ${plan.provider.urn} already in the stack`,
    );
    for (const urn of plan.removedProviders) lines.push(`  removes ${urn}, which no resource uses any more`);
    return lines;
}
