import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileBackendDir, tornSidecars } from "../../../../cli/recover/torn-sidecars";

describe("torn sidecars of a file backend", function () {
    describe("fileBackendDir", function () {
        for (const [url, expected] of [
            ["file:///var/state", "/var/state"],
            ["file:///var/state?no_tmp_dir=true", "/var/state"],
            ["file:///var/with%20space", "/var/with%20space"],
            ["file://./state", "/work/project/state"],
            ["file://state", "/work/project/state"],
            ["file://~", os.homedir()],
            ["file://~/state", path.join(os.homedir(), "state")],
            ["s3://bucket/state", undefined],
            ["https://api.pulumi.com", undefined],
        ] as const) {
            it(`reads ${url} as ${expected ?? "not a file backend"}`, function () {
                assert.equal(fileBackendDir(url, "/work/project"), expected);
            });
        }
    });

    describe("tornSidecars", function () {
        let dir: string;
        beforeEach(function () {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "torn-sidecars-"));
        });
        afterEach(function () {
            fs.rmSync(dir, { recursive: true, force: true });
        });

        function write(relative: string, content: string): string {
            const file = path.join(dir, ".pulumi", relative);
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, content);
            return file;
        }

        it("finds every empty .attrs file under .pulumi, and nothing else", function () {
            write("stacks/infra/prod.json", '{"version":3}');
            const stack = write("stacks/infra/prod.json.attrs", "");
            write("stacks/infra/prod.json.bak", '{"version":3}');
            write("stacks/infra/prod.json.bak.attrs", '{"user.cache_control":""}\n');
            const lock = write("locks/organization/infra/prod/1.json.attrs", "");
            write("stacks/infra/empty-but-not-a-sidecar.json", "");
            assert.deepEqual(tornSidecars(dir), [lock, stack].sort());
        });

        it("finds nothing in a backend that was never used", function () {
            assert.deepEqual(tornSidecars(dir), []);
        });
    });
});
