import assert from "node:assert/strict";
import { WrongProjectError } from "../../../provider/core/errors";
import { isDynamicProviderHost, isRepeatedErrorLine } from "../../../provider/core/host-error-log";

/** The line the dynamic-provider host writes for an error it caught (cmd/dynamic-provider/index.js). */
const hostLine = (error: Error) => `${error}: ${error.stack}`;

describe("the dynamic-provider host's error line", () => {
    it("is a repeated line without frames for an error of ours", () => {
        const error = new WrongProjectError('channel "ops" belongs to another project');
        assert.equal(hostLine(error), `WrongProjectError: ${error.message}: WrongProjectError: ${error.message}`);
        assert.equal(isRepeatedErrorLine(hostLine(error)), true);
    });

    it("is kept for an unexpected error, whose stack has frames", () => {
        const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
        assert.match(hostLine(bug), /\n\s+at /);
        assert.equal(isRepeatedErrorLine(hostLine(bug)), false);
    });

    for (const text of ["", ": ", "a: b", "a:a", "hookstream: GET /v1/notification-channels -> 200", undefined, 42]) {
        it(`is not taken for ${JSON.stringify(text)}`, () => {
            assert.equal(isRepeatedErrorLine(text), false);
        });
    }
});

describe("isDynamicProviderHost", () => {
    it("recognises the host's entry point, and nothing else", () => {
        assert.equal(isDynamicProviderHost("/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"), true);
        assert.equal(isDynamicProviderHost("C:\\p\\@pulumi\\pulumi\\cmd\\dynamic-provider\\index.js"), true);
        assert.equal(isDynamicProviderHost("/p/node_modules/@pulumi/pulumi/cmd/run/index.js"), false);
        assert.equal(isDynamicProviderHost("/p/node_modules/mocha/bin/mocha.js"), false);
        assert.equal(isDynamicProviderHost(undefined), false);
    });
});
