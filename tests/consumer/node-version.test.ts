import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createConsumerProject } from "../../scripts/packed-project";
import { temporaryDir } from "../../scripts/pulumi-toolchain";

/**
 * `engines.node` is a warning npm prints and users miss; the package itself must refuse a Node.js older than its
 * dependencies need (undici 8: 22.19.0), with a message that says what is required and what is running.
 */

const tooOld = "22.14.0";

describe("loading the packed package", function () {
    this.timeout(10 * 60_000);
    let project: string;
    let oldNode: string;

    before(function () {
        project = createConsumerProject({ layout: "template", program: "export {};\n" });
        const nodeDir = temporaryDir("hookstream-old-node");
        // A package.json of its own: npm would otherwise install into the nearest folder above that has one.
        fs.writeFileSync(path.join(nodeDir, "package.json"), '{ "private": true }\n');
        execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", `node@${tooOld}`], {
            cwd: nodeDir,
            stdio: "ignore",
            timeout: 10 * 60_000,
        });
        oldNode = path.join(nodeDir, "node_modules", "node", "bin", "node");
    });

    function load(node: string) {
        return spawnSync(node, ["-e", 'require("pulumi-hookstream")'], { cwd: project, encoding: "utf8" });
    }

    it(`fails on Node.js ${tooOld} with a message naming the required and the running version`, function () {
        const version = spawnSync(oldNode, ["--version"], { encoding: "utf8" }).stdout.trim();
        assert.equal(version, `v${tooOld}`, "the old Node.js did not install");
        const loaded = load(oldNode);
        assert.notEqual(loaded.status, 0, "require succeeded on a Node.js that is too old");
        assert.match(loaded.stderr, /requires Node\.js >= ?22\.19\.0/);
        assert.match(loaded.stderr, new RegExp(tooOld.replace(/\./g, "\\.")));
    });

    it("loads on the Node.js running these tests", function () {
        const loaded = load(process.execPath);
        assert.equal(loaded.stderr, "");
        assert.equal(loaded.status, 0);
    });
});
