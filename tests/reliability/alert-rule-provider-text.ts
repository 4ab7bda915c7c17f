import * as pulumi from "@pulumi/pulumi";
import { AlertRule } from "../../provider";

/**
 * The `__provider` text a real program stores for an AlertRule: a rule constructed under Pulumi's mocks, which run
 * the same serialization as a deployment.
 */
export async function serializedRuleProvider(): Promise<string> {
    let found: string | undefined;
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                found = String(args.inputs.__provider);
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call: () => ({}),
        },
        "hookstream-test",
        "test",
        false,
    );
    const rule = new AlertRule("probe", { ruleType: "issue_opened", channelIds: ["nc_probe"] });
    await new Promise<void>((resolve) => rule.urn.apply(() => resolve()));
    if (found === undefined) throw new Error("the mocks saw no resource");
    return found;
}
