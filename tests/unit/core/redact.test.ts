import assert from "node:assert/strict";
import { describeApiKey, redact } from "../../../provider/core/redact";

const apiKey = `hs_live_${"0123456789abcdef".repeat(4)}`;
const secret = "whsec_0123456789abcdef";
const slackUrl = "https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXX";

describe("redact", () => {
    it("replaces every occurrence of a value", () => {
        assert.equal(
            redact(`sent ${secret}, then ${secret} again`, [secret]),
            "sent [redacted], then [redacted] again",
        );
    });

    it("replaces each of several values", () => {
        const text = `key ${apiKey} posted to ${slackUrl} with secret ${secret}`;
        const result = redact(text, [apiKey, slackUrl, secret]);
        assert.equal(result, "key [redacted] posted to [redacted] with secret [redacted]");
    });

    it("masks the longer of two overlapping values whole", () => {
        // Masking "hooks.slack.com" first would leave the rest of the Slack URL (its token) readable.
        const result = redact(`url ${slackUrl}`, ["hooks.slack.com", slackUrl]);
        assert.equal(result, "url [redacted]");
    });

    it("treats values literally, not as patterns", () => {
        assert.equal(redact("a.b*c+d(e) and axbbc", ["a.b*c+d(e)"]), "[redacted] and axbbc");
    });

    it("skips undefined values", () => {
        assert.equal(redact(`secret ${secret}`, [undefined, secret, undefined]), "secret [redacted]");
    });

    it("leaves values shorter than 4 characters alone", () => {
        assert.equal(redact("the abc of it", ["abc", "the", ""]), "the abc of it");
    });

    it("masks a value of exactly 4 characters", () => {
        assert.equal(redact("pin 4321 set", ["4321"]), "pin [redacted] set");
    });

    it("returns the text unchanged when nothing matches", () => {
        assert.equal(redact("nothing to hide", [secret, apiKey]), "nothing to hide");
        assert.equal(redact("nothing to hide", []), "nothing to hide");
    });

    it("does not reorder the caller's list", () => {
        const values = ["short", slackUrl, secret];
        redact(slackUrl, values);
        assert.deepEqual(values, ["short", slackUrl, secret]);
    });
});

describe("describeApiKey", () => {
    it("keeps only the hs_live_ prefix of a live key", () => {
        assert.equal(describeApiKey(apiKey), "hs_live_[redacted]");
    });

    it("keeps only the hs_test_ prefix of a test key", () => {
        assert.equal(describeApiKey(`hs_test_${"f".repeat(64)}`), "hs_test_[redacted]");
    });

    it("shows nothing of a key without a documented prefix", () => {
        assert.equal(describeApiKey("sk_prod_abcdef0123456789"), "[redacted]");
        assert.equal(describeApiKey(""), "[redacted]");
    });

    it("does not mistake a prefix-like text inside the key for a prefix", () => {
        assert.equal(describeApiKey("xhs_live_abcdef0123456789"), "[redacted]");
    });
});
