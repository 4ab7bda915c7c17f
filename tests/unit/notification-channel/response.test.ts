import assert from "node:assert/strict";
import { channelPageResponse, channelResponse, type Channel } from "../../../provider/notification-channel/response";

function parseChannel(body: unknown): Channel {
    const parsed = channelResponse.safeParse(body);
    assert.ok(parsed.success, parsed.success ? "" : parsed.error.message);
    return parsed.data;
}

function parseError(body: unknown): string {
    const parsed = channelResponse.safeParse(body);
    assert.equal(parsed.success, false, `expected a parse failure, got ${JSON.stringify(parsed.data)}`);
    return parsed.error?.message ?? "";
}

/** The generated reference's form (docs/hookstream-api.md §1.7): enveloped, channel_type, config as JSON text, 0/1. */
const referenceChannel = {
    id: "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
    org_id: "org_0123456789abcdef",
    env_id: "env_0123456789abcdef",
    name: "Ops Slack",
    channel_type: "webhook",
    config: '{"url":"https://hooks.slack.com/services/T0/B0/X","secret":"whsec_abc"}',
    enabled: 1,
    last_sent_at: null,
    error_count: 0,
    last_error: null,
    created_at: "2026-02-28 10:00:00",
    updated_at: "2026-02-28 10:05:30",
};

/** The hand-written page's form (NC [E]): flat, `type`, config as an object, ISO timestamps. */
const flatChannel = {
    id: "nc_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
    name: "Ops Slack",
    type: "slack",
    config: { url: "https://hooks.slack.com/services/T0/B0/X" },
    enabled: false,
    created_at: "2026-02-28T10:00:00Z",
    updated_at: "2026-02-28T10:05:30Z",
};

describe("channelResponse", () => {
    describe("documented shapes (docs/hookstream-api.md §8 rows 1–5)", () => {
        it("reads the enveloped reference shape with channel_type, config text, 0/1 and SQLite timestamps", () => {
            assert.deepEqual(parseChannel({ channel: referenceChannel }), {
                id: "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
                orgId: "org_0123456789abcdef",
                envId: "env_0123456789abcdef",
                name: "Ops Slack",
                channelType: "webhook",
                config: { url: "https://hooks.slack.com/services/T0/B0/X", secret: "whsec_abc" },
                enabled: true,
                errorCount: 0,
                createdAt: "2026-02-28T10:00:00Z",
                updatedAt: "2026-02-28T10:05:30Z",
            });
        });

        it("reads enabled 0 as false", () => {
            assert.equal(parseChannel({ channel: { ...referenceChannel, enabled: 0 } }).enabled, false);
        });

        it("reads tracking fields when hookstream has set them", () => {
            const channel = parseChannel({
                channel: {
                    ...referenceChannel,
                    error_count: 3,
                    last_error: "receiver returned 503",
                    last_sent_at: "2026-02-28 11:30:00",
                },
            });
            assert.equal(channel.errorCount, 3);
            assert.equal(channel.lastError, "receiver returned 503");
            assert.equal(channel.lastSentAt, "2026-02-28T11:30:00Z");
        });

        it("reads the flat shape with type, a config object, boolean enabled and ISO timestamps", () => {
            assert.deepEqual(parseChannel(flatChannel), {
                id: "nc_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
                name: "Ops Slack",
                channelType: "slack",
                config: { url: "https://hooks.slack.com/services/T0/B0/X" },
                enabled: false,
                createdAt: "2026-02-28T10:00:00Z",
                updatedAt: "2026-02-28T10:05:30Z",
            });
        });

        it("reads the flat shape inside an envelope", () => {
            assert.deepEqual(parseChannel({ channel: flatChannel }), parseChannel(flatChannel));
        });

        it("reads the minimal NC example, defaults enabled to true, and marks it partial", () => {
            const minimal = {
                id: "nc_0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f",
                name: "Ops Slack",
                type: "webhook",
                config: { url: "https://hooks.slack.com/services/T0/B0/X" },
                created_at: "2026-02-28T10:00:00Z",
            };
            assert.deepEqual(parseChannel(minimal), {
                id: "nc_0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f",
                name: "Ops Slack",
                channelType: "webhook",
                config: { url: "https://hooks.slack.com/services/T0/B0/X" },
                enabled: true,
                createdAt: "2026-02-28T10:00:00Z",
                partial: true,
            });
        });

        it("prefers channel_type over type when both are present", () => {
            assert.equal(parseChannel({ ...flatChannel, channel_type: "discord" }).channelType, "discord");
        });

        it("leaves out fields hookstream sent as null", () => {
            const channel = parseChannel({ channel: { ...referenceChannel, org_id: null, updated_at: null } });
            assert.ok(!("orgId" in channel), "orgId present");
            assert.ok(!("updatedAt" in channel), "updatedAt present");
            assert.ok(!("lastError" in channel), "lastError present");
        });

        it("does not copy undocumented wire fields into the channel", () => {
            const channel = parseChannel({ ...flatChannel, secret_hash: "abc", channel_type: "slack" });
            assert.deepEqual(Object.keys(channel).sort(), [
                "channelType",
                "config",
                "createdAt",
                "enabled",
                "id",
                "name",
                "updatedAt",
            ]);
        });
    });

    describe("lenient field types", () => {
        it("turns a numeric id into a string", () => {
            assert.equal(parseChannel({ ...flatChannel, id: 42 }).id, "42");
        });

        it("reads error_count sent as a string", () => {
            assert.equal(parseChannel({ ...referenceChannel, error_count: "12" }).errorCount, 12);
        });

        it('reads enabled "0" as false and "1" as true', () => {
            assert.equal(parseChannel({ ...referenceChannel, enabled: "0" }).enabled, false);
            assert.equal(parseChannel({ ...referenceChannel, enabled: "1" }).enabled, true);
        });

        it('reads enabled "false" as false and "true" as true', () => {
            assert.equal(parseChannel({ ...referenceChannel, enabled: "false" }).enabled, false);
            assert.equal(parseChannel({ ...referenceChannel, enabled: "true" }).enabled, true);
        });

        it("reads an empty config string as an empty config", () => {
            assert.deepEqual(parseChannel({ ...referenceChannel, config: "" }).config, {});
        });

        it("reads a null config as an empty config", () => {
            assert.deepEqual(parseChannel({ ...referenceChannel, config: null }).config, {});
        });
    });

    describe("unreadable bodies", () => {
        it("rejects a config string that is not JSON", () => {
            assert.match(parseError({ channel: { ...referenceChannel, config: "{url:" } }), /JSON object/);
        });

        it("rejects a config string holding JSON that is not an object", () => {
            assert.match(parseError({ ...referenceChannel, config: "[1,2]" }), /JSON object/);
            assert.match(parseError({ ...referenceChannel, config: "null" }), /JSON object/);
            assert.match(parseError({ ...referenceChannel, config: '"text"' }), /JSON object/);
        });

        it("rejects a channel with neither channel_type nor type", () => {
            const untyped: Record<string, unknown> = { ...referenceChannel };
            delete untyped.channel_type;
            assert.match(parseError({ channel: untyped }), /neither channel_type nor type/);
        });

        it("rejects an envelope holding null", () => {
            assert.match(parseError({ channel: null }), /channel is null/);
        });

        it("rejects a channel without an id or with an empty id", () => {
            const noId: Record<string, unknown> = { ...referenceChannel };
            delete noId.id;
            assert.match(parseError(noId), /at id/);
            assert.match(parseError({ ...referenceChannel, id: "" }), /at id/);
        });

        it("rejects an error_count that is not a whole number", () => {
            assert.match(parseError({ ...referenceChannel, error_count: "many" }), /at error_count/);
        });

        it("rejects an enabled value it cannot read", () => {
            assert.match(parseError({ ...referenceChannel, enabled: "yes" }), /at enabled/);
        });

        it("rejects a body that is not an object", () => {
            parseError("Internal Server Error");
            parseError(null);
        });
    });
});

describe("channelPageResponse", () => {
    const page = [flatChannel, { ...referenceChannel, id: "b2" }];

    function parsePage(body: unknown) {
        const parsed = channelPageResponse.safeParse(body);
        assert.ok(parsed.success, parsed.success ? "" : parsed.error.message);
        return parsed.data;
    }

    it("reads a page without pagination fields as the last page", () => {
        const result = parsePage({ channels: page });
        assert.deepEqual(
            result.items.map((channel) => channel.id),
            [flatChannel.id, "b2"],
        );
        assert.equal(result.nextCursor, undefined);
    });

    it("reads every channel in every documented shape", () => {
        const result = parsePage({ channels: page });
        assert.deepEqual(result.items, [parseChannel(flatChannel), { ...parseChannel(referenceChannel), id: "b2" }]);
    });

    it("follows cursor when has_more is true", () => {
        assert.equal(parsePage({ channels: page, cursor: "c_2", has_more: true }).nextCursor, "c_2");
    });

    it("follows next_cursor when has_more is true", () => {
        assert.equal(parsePage({ channels: page, next_cursor: "c_3", has_more: true }).nextCursor, "c_3");
    });

    it("stops when has_more is false even with a cursor", () => {
        assert.equal(parsePage({ channels: page, cursor: "c_2", has_more: false }).nextCursor, undefined);
    });

    it("stops when has_more is true but the cursor is null", () => {
        assert.equal(parsePage({ channels: page, cursor: null, has_more: true }).nextCursor, undefined);
    });

    it("stops when a cursor is sent without has_more", () => {
        assert.equal(parsePage({ channels: page, cursor: "c_2" }).nextCursor, undefined);
    });

    it("reads an empty page", () => {
        assert.deepEqual(parsePage({ channels: [], cursor: null, has_more: false }), {
            items: [],
            nextCursor: undefined,
        });
    });

    it("reads a listed channel enveloped as a single answer is, and rejects a null one", () => {
        assert.deepEqual(parsePage({ channels: [{ channel: flatChannel }] }).items, [parseChannel(flatChannel)]);
        const parsed = channelPageResponse.safeParse({ channels: [{ channel: null }] });
        assert.match(parsed.error?.message ?? "", /channel is null/);
    });

    it("rejects a page with an unreadable channel", () => {
        const parsed = channelPageResponse.safeParse({ channels: [flatChannel, { id: "x", name: "no type" }] });
        assert.equal(parsed.success, false);
        assert.match(parsed.error?.message ?? "", /neither channel_type nor type/);
    });

    it("rejects a body without channels", () => {
        assert.equal(channelPageResponse.safeParse({ items: page }).success, false);
    });
});
