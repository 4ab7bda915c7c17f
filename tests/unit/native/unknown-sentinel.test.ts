import assert from "node:assert/strict";
import { unknownValue } from "../../../provider/core/unknowns";

describe("unknown values reaching the native plugin", function () {
    it("arrive as the sentinel core/unknowns.ts understands, so the host passes them on unchanged", function () {
        // The engine marshals an unknown as this string for a provider that does not accept outputs
        // (the plugin answers acceptOutputs=false), and @pulumi/pulumi's serializer names the same value.
        const rpc = require("@pulumi/pulumi/runtime/rpc") as { unknownValue: string };
        assert.equal(rpc.unknownValue, unknownValue);
    });
});
