import assert from "node:assert/strict";
import * as fs from "node:fs";
import { resourceKinds } from "../../../provider/resources";
import { buildSchema } from "../../../native/schema";
import { secretPathsByKind } from "../../../native/secret-paths";
import { schemaPath, schemaText } from "../../../native/write-schema";

describe("native/schema.ts", function () {
    const schema = buildSchema();

    it("matches the committed schema.json (run `npm run schema` after changing a resource)", async function () {
        assert.equal(fs.readFileSync(schemaPath, "utf8"), await schemaText());
    });

    it("has one resource per registered kind, under the kind's native type token", function () {
        assert.deepEqual(
            Object.keys(schema.resources),
            resourceKinds.map((kind) => kind.tokens.native),
        );
    });

    it("declares secret paths for every registered kind", function () {
        assert.deepEqual(
            resourceKinds.filter((kind) => secretPathsByKind[kind.name] === undefined).map((kind) => kind.name),
            [],
        );
    });

    it("takes the API key as a secret and the base URL as plain provider config", function () {
        assert.deepEqual(
            Object.entries(schema.config.variables).map(([key, spec]) => [key, spec.type, spec.secret ?? false]),
            [
                ["apiKey", "string", true],
                ["baseUrl", "string", false],
            ],
        );
    });

    it("marks every config field a channel type keeps secret", function () {
        const config = schema.types["hookstream:index:NotificationChannelConfig"];
        assert.ok(config && "properties" in config);
        assert.deepEqual(
            Object.entries(config.properties)
                .filter(([, spec]) => spec.secret)
                .map(([key]) => key),
            ["url", "secret"],
        );
    });

    it("lists the channel types as an enum the channelType argument refers to", function () {
        const channel = schema.resources["hookstream:index:NotificationChannel"]!;
        assert.equal(channel.inputProperties.channelType?.$ref, "#/types/hookstream:index:ChannelType");
        const channelType = schema.types["hookstream:index:ChannelType"];
        assert.deepEqual(channelType && "enum" in channelType ? channelType.enum.map((e) => e.value) : [], [
            "webhook",
            "slack",
            "discord",
            "email",
        ]);
    });

    it("has every argument of the dynamic resources, leaves internal fields out, and makes the name optional", function () {
        for (const kind of resourceKinds) {
            const resource = schema.resources[kind.tokens.native]!;
            assert.deepEqual(Object.keys(resource.inputProperties), kind.inputRules.argumentNames);
            const names = [...Object.keys(resource.inputProperties), ...Object.keys(resource.properties)];
            assert.deepEqual(
                names.filter((name) => name.startsWith("__")),
                [],
            );
            assert.equal(resource.requiredInputs.includes("name"), false);
            assert.equal(resource.required.includes("name"), true);
        }
    });

    it("adds what hookstream computes to the outputs, read from each kind's toOutputs", function () {
        const rule = schema.resources["hookstream:index:AlertRule"]!;
        const computed = Object.keys(rule.properties).filter((key) => !(key in rule.inputProperties));
        assert.deepEqual(computed, ["orgId", "envId", "lastTriggeredAt", "triggerCount", "createdAt", "updatedAt"]);
        assert.equal(rule.properties.triggerCount?.type, "integer");
    });

    it("types a rule's config with every rule type's fields, an integer and a number field widened to number", function () {
        const config = schema.types["hookstream:index:AlertRuleConfig"];
        assert.ok(config && "properties" in config);
        assert.deepEqual(Object.fromEntries(Object.entries(config.properties).map(([key, spec]) => [key, spec.type])), {
            threshold: "number",
            thresholdMs: "integer",
            percentileTarget: "number",
        });
    });
});
