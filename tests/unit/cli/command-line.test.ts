import assert from "node:assert/strict";
import { parseCommandLine } from "../../../cli/command-line";

function discoverLine(values: Partial<Extract<ReturnType<typeof parseCommandLine>, { kind: "discover" }>>) {
    return {
        kind: "discover" as const,
        baseUrl: undefined,
        revealSecrets: false,
        stack: undefined,
        cwd: undefined,
        ...values,
    };
}

describe("hookstream-pulumi command line", () => {
    const rows: { args: string[]; expected: ReturnType<typeof parseCommandLine> | RegExp }[] = [
        { args: ["discover"], expected: discoverLine({}) },
        {
            args: ["discover", "--base-url", "http://127.0.0.1:8787/v1", "--reveal-secrets"],
            expected: discoverLine({ baseUrl: "http://127.0.0.1:8787/v1", revealSecrets: true }),
        },
        {
            args: ["discover", "--base-url=http://127.0.0.1:8787/v1"],
            expected: discoverLine({ baseUrl: "http://127.0.0.1:8787/v1" }),
        },
        {
            args: ["discover", "--stack", "prod", "-C", "infra"],
            expected: discoverLine({ stack: "prod", cwd: "infra" }),
        },
        { args: ["discover", "--stack"], expected: /--stack/ },
        { args: [], expected: { kind: "help" } },
        { args: ["discover", "--help"], expected: { kind: "help" } },
        // A flag missing its value must never fall back to production.
        { args: ["discover", "--base-url"], expected: /--base-url/ },
        { args: ["discover", "--base-url", "--reveal-secrets"], expected: /--base-url/ },
        { args: ["discover", "--base-url="], expected: /--base-url needs a value, such as https/ },
        { args: ["discover", "--reveal"], expected: /Unknown option '--reveal'/ },
        { args: ["discover", "extra"], expected: /unexpected argument: extra/ },
        { args: ["import"], expected: /unknown command: import/ },
        {
            args: ["recover"],
            expected: {
                kind: "recover",
                stack: undefined,
                cwd: undefined,
                cancel: false,
                dryRun: false,
                clearOthers: false,
                waitSeconds: 30,
                assign: new Map(),
                discard: [],
                baseUrl: undefined,
            },
        },
        {
            args: [
                "recover",
                "--stack",
                "prod",
                "-C",
                "infra",
                "--cancel",
                "--assign",
                "ops=nc_1",
                "--assign",
                "urn:a::b=r_2",
            ],
            expected: {
                kind: "recover",
                stack: "prod",
                cwd: "infra",
                cancel: true,
                dryRun: false,
                clearOthers: false,
                waitSeconds: 30,
                assign: new Map([
                    ["ops", "nc_1"],
                    ["urn:a::b", "r_2"],
                ]),
                discard: [],
                baseUrl: undefined,
            },
        },
        {
            args: ["recover", "--discard", "ops", "--discard", "team", "--dry-run", "--wait", "0"],
            expected: {
                kind: "recover",
                stack: undefined,
                cwd: undefined,
                cancel: false,
                dryRun: true,
                clearOthers: false,
                waitSeconds: 0,
                assign: new Map(),
                discard: ["ops", "team"],
                baseUrl: undefined,
            },
        },
        { args: ["recover", "--assign", "ops"], expected: /--assign takes RESOURCE=ID, not ops/ },
        { args: ["recover", "--stack"], expected: /--stack/ },
        { args: ["recover", "--wait", "soon"], expected: /--wait takes a number of seconds, not soon/ },
        { args: ["recover", "--wait=-1"], expected: /--wait takes a number of seconds/ },
        { args: ["recover", "--stack="], expected: /--stack needs a value/ },
        // Each command takes only its own flags: a misplaced one is an error, not ignored.
        { args: ["recover", "--reveal-secrets"], expected: /--reveal-secrets is not an option of recover/ },
        { args: ["discover", "--cancel"], expected: /--cancel is not an option of discover/ },
        { args: ["migrate"], expected: { kind: "migrate", stack: undefined, cwd: undefined, dryRun: false } },
        {
            args: ["migrate", "--stack", "prod", "-C", "infra", "--dry-run"],
            expected: { kind: "migrate", stack: "prod", cwd: "infra", dryRun: true },
        },
        { args: ["migrate", "--stack="], expected: /--stack needs a value/ },
        { args: ["migrate", "--cancel"], expected: /--cancel is not an option of migrate/ },
        { args: ["migrate", "prod"], expected: /unexpected argument: prod/ },
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
