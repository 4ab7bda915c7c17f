import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../support/provider-host";
import { pulumiBinDir, pulumiVersionLabel, temporaryDir } from "../support/pulumi";

const run = promisify(execFile);

/** The module versions `go version -m` reports a Go binary was built from, by module path. */
async function builtFrom(binary: string): Promise<Map<string, string>> {
    const { stdout } = await run("go", ["version", "-m", binary]);
    const modules = new Map<string, string>();
    for (const line of stdout.split("\n")) {
        const [kind, module, version] = line.trim().split(/\s+/);
        if ((kind === "mod" || kind === "dep") && module && version) modules.set(module, version);
    }
    return modules;
}

const pkg = "github.com/pulumi/pulumi/pkg/v3";
const sdk = "github.com/pulumi/pulumi/sdk/v3";
const cliScript = path.join(repoRoot, "scripts", "pulumi-cli.sh");
const tools = [
    "pulumi",
    "pulumi-language-nodejs",
    "pulumi-language-python",
    "pulumi-language-python-exec",
    "pulumi-language-go",
    "pulumi-language-yaml",
    "pulumi-resource-pulumi-nodejs",
];

/**
 * Runs scripts/pulumi-cli.sh with a home whose CLI cache links to the real toolchain under the given label. Go may
 * not reach the module proxy, so a rebuild stops at its first step instead of compiling.
 */
async function provideFromLinkedCache(label: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const home = temporaryDir("toolchain-home");
    try {
        const cache = path.join(home, ".pulumi", "versions", label, "bin");
        fs.mkdirSync(cache, { recursive: true });
        const bin = await pulumiBinDir();
        for (const tool of tools) fs.symlinkSync(path.join(bin, tool), path.join(cache, tool));
        const pathWithoutPulumi = (process.env.PATH ?? "")
            .split(path.delimiter)
            .filter((dir) => !fs.existsSync(path.join(dir, "pulumi")))
            .join(path.delimiter);
        const env = {
            ...process.env,
            PATH: pathWithoutPulumi,
            HOME: home,
            PULUMI_VERSION: label,
            PULUMI_CLI_SKIP_DOWNLOAD: "1",
            GOPROXY: "off",
            GOFLAGS: "",
            GOMODCACHE: path.join(home, "go-mod"),
            GOCACHE: path.join(home, "go-build"),
        };
        const result = await run("bash", [cliScript], { env }).then(
            ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
            (error: { code: number; stdout: string; stderr: string }) => error,
        );
        return { ...result, stdout: result.stdout.replaceAll(home, "$HOME") };
    } finally {
        fs.rmSync(home, { recursive: true, force: true });
    }
}

describe("the toolchain scripts/pulumi-cli.sh provides", function () {
    this.timeout(45 * 60_000);
    const label = pulumiVersionLabel();
    let bin: string;

    before(async function () {
        bin = await pulumiBinDir();
        if (!bin.endsWith(path.join(".pulumi", "versions", label, "bin"))) {
            console.log(
                `      (skipped: the CLI in ${bin} is not one this script built, so there is no build to check)`,
            );
            this.skip();
        }
    });

    it("reports the labelled version from pulumi", async function () {
        const { stdout } = await run(path.join(bin, "pulumi"), ["version"]);
        assert.equal(stdout.trim(), `v${label}`);
    });

    it("builds pulumi from pkg/v3 and sdk/v3 of exactly the labelled version", async function () {
        const modules = await builtFrom(path.join(bin, "pulumi"));
        assert.deepEqual([modules.get(pkg), modules.get(sdk)], [`v${label}`, `v${label}`]);
    });

    for (const language of ["nodejs", "python", "go"]) {
        it(`builds the ${language} language host from sdk/v3 of the labelled version`, async function () {
            const modules = await builtFrom(path.join(bin, `pulumi-language-${language}`));
            assert.equal(modules.get(sdk), `v${label}`);
        });
    }

    it("builds the YAML language host from pulumi-yaml 1.25.0 on the pkg/v3 and sdk/v3 it pins (3.206.0)", async function () {
        const modules = await builtFrom(path.join(bin, "pulumi-language-yaml"));
        assert.deepEqual(
            [modules.get("github.com/pulumi/pulumi-yaml"), modules.get(pkg), modules.get(sdk)],
            ["v1.25.0", "v3.206.0", "v3.206.0"],
        );
    });

    it("pins the SDK generator's pkg/v3 and sdk/v3 to the CLI's version", function () {
        const gomod = fs.readFileSync(path.join(repoRoot, "scripts", "sdk-gen", "go.mod"), "utf8");
        const required = (module: string) =>
            new RegExp(`^\\s*${module.replaceAll(".", "\\.")} (v\\S+)`, "m").exec(gomod)?.[1];
        assert.deepEqual([required(pkg), required(sdk)], [`v${label}`, `v${label}`]);
    });

    it("uses a cached toolchain built from its label without rebuilding it", async function () {
        const result = await provideFromLinkedCache(label);
        assert.deepEqual(
            [result.code, result.stdout.trim()],
            [0, path.join("$HOME", ".pulumi", "versions", label, "bin")],
        );
    });

    it("rebuilds a cached toolchain whose modules differ from its label", async function () {
        const result = await provideFromLinkedCache("3.275.0");
        assert.match(
            result.stderr,
            new RegExp(`pulumi was built from ${pkg} v${label}; ${sdk} v${label}; not v3\\.275\\.0: rebuilding`),
        );
        assert.match(result.stderr, /resolving modules for pulumi 3\.275\.0/);
    });
});
