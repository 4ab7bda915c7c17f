import assert from "node:assert/strict";
import { engineAddressOf } from "../../../provider/core/engine-log";

describe("engineAddressOf", () => {
    const node = "/usr/bin/node";
    const host = "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";

    it("is the dynamic-provider host's one argument", () => {
        assert.equal(engineAddressOf([node, host, "127.0.0.1:41235"], true), "127.0.0.1:41235");
        assert.equal(engineAddressOf([node, host, "[::1]:41235"], true), "[::1]:41235");
    });

    it("is undefined outside the host, or for an argument that is no address", () => {
        assert.equal(engineAddressOf([node, "mocha", "127.0.0.1:41235"], false), undefined);
        assert.equal(engineAddressOf([node, host], true), undefined);
        assert.equal(engineAddressOf([node, host, "--inspect"], true), undefined);
    });
});
