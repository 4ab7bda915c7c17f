import assert from "node:assert/strict";
import { secretSignature, signatureKey, unwrapSecrets, wrapSecrets } from "../../../native/secret-values";

const secret = (value: unknown) => ({ [signatureKey]: secretSignature, value });

describe("native/secret-values.ts", function () {
    it("unwraps secrets at any depth and records where each one was", function () {
        const { values, secretPaths } = unwrapSecrets({
            name: "ops",
            config: { url: "https://a.example", secret: secret("s1") },
            list: [secret("x"), "y"],
            whole: secret({ inner: "z" }),
        });
        assert.deepEqual(values, {
            name: "ops",
            config: { url: "https://a.example", secret: "s1" },
            list: ["x", "y"],
            whole: { inner: "z" },
        });
        assert.deepEqual(secretPaths, [["config", "secret"], ["list", 0], ["whole"]]);
    });

    it("wraps each path that exists and ignores those that do not", function () {
        const wrapped = wrapSecrets({ config: { url: "u" } }, [["config", "url"], ["config", "secret"], ["absent"]]);
        assert.deepEqual(wrapped, { config: { url: secret("u") } });
    });

    it("wraps a path inside an already wrapped value only once", function () {
        const wrapped = wrapSecrets({ config: { secret: "s" } }, [["config"], ["config", "secret"]]);
        assert.deepEqual(wrapped, { config: secret({ secret: "s" }) });
    });

    it("restores what it unwrapped", function () {
        const original = { config: { secret: secret("s"), url: "u" }, ids: [secret("a")] };
        const { values, secretPaths } = unwrapSecrets(original);
        assert.deepEqual(wrapSecrets(values, secretPaths), original);
    });

    it("drops undefined values, which a protobuf Struct cannot hold", function () {
        assert.deepEqual(wrapSecrets({ a: undefined, b: { c: undefined, d: 1 } }, []), { b: { d: 1 } });
    });
});
