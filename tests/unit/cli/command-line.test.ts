import assert from "node:assert/strict";
import { parseCommandLine } from "../../../cli/command-line";

describe("hookstream-pulumi command line", () => {
    const rows: { args: string[]; expected: ReturnType<typeof parseCommandLine> | RegExp }[] = [
        { args: ["discover"], expected: { kind: "discover", baseUrl: undefined, revealSecrets: false } },
        {
            args: ["discover", "--base-url", "http://127.0.0.1:8787/v1", "--reveal-secrets"],
            expected: { kind: "discover", baseUrl: "http://127.0.0.1:8787/v1", revealSecrets: true },
        },
        {
            args: ["discover", "--base-url=http://127.0.0.1:8787/v1"],
            expected: { kind: "discover", baseUrl: "http://127.0.0.1:8787/v1", revealSecrets: false },
        },
        { args: [], expected: { kind: "help" } },
        { args: ["discover", "--help"], expected: { kind: "help" } },
        // A flag missing its value must never fall back to production.
        { args: ["discover", "--base-url"], expected: /--base-url/ },
        { args: ["discover", "--base-url", "--reveal-secrets"], expected: /--base-url/ },
        { args: ["discover", "--base-url="], expected: /--base-url needs a URL/ },
        { args: ["discover", "--reveal"], expected: /Unknown option '--reveal'/ },
        { args: ["discover", "extra"], expected: /unexpected argument: extra/ },
        { args: ["import"], expected: /unknown command: import/ },
    ];

    for (const { args, expected } of rows) {
        it(`reads ${JSON.stringify(args)}`, () => {
            const parsed = parseCommandLine(args);
            if (expected instanceof RegExp) {
                assert.equal(parsed.kind, "error");
                assert.match((parsed as { message: string }).message, expected);
            } else {
                assert.deepEqual(parsed, expected);
            }
        });
    }
});
