import assert from "node:assert/strict";
import { secretSignature, signatureKey } from "../../../native/secret-values";
import { stackConfigOf } from "../../../native/stack-config";

const variables = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe("native/stack-config.ts", function () {
    it("reads the engine's hookstream:config:* variables under the keys the dynamic provider reads", function () {
        const config = stackConfigOf(
            variables({
                "hookstream:config:apiKey": "hs_k",
                "hookstream:config:baseUrl": "http://b",
                "other:config:x": "1",
            }),
            undefined,
        );
        assert.deepEqual(
            [config.get("hookstream:apiKey"), config.get("hookstream:baseUrl"), config.get("other:x")],
            ["hs_k", "http://b", undefined],
        );
    });

    it("prefers an explicit provider's arguments, secrets unwrapped, to the stack variables", function () {
        const config = stackConfigOf(variables({ "hookstream:config:apiKey": "hs_stack" }), {
            apiKey: { [signatureKey]: secretSignature, value: "hs_explicit" },
        });
        assert.equal(config.get("hookstream:apiKey"), "hs_explicit");
    });

    it("treats a value not known yet as unset", function () {
        const config = stackConfigOf(variables({}), { baseUrl: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
        assert.equal(config.get("hookstream:baseUrl"), undefined);
    });
});
