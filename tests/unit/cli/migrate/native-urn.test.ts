import assert from "node:assert/strict";
import { nativeTokenFor, toNativeUrn } from "../../../../cli/migrate/native-urn";

describe("toNativeUrn", () => {
    const rows: { urn: string; expected: string }[] = [
        {
            urn: "urn:pulumi:dev::infra::pulumi-nodejs:dynamic/hookstream:NotificationChannel::ops",
            expected: "urn:pulumi:dev::infra::hookstream:index:NotificationChannel::ops",
        },
        {
            urn: "urn:pulumi:dev::infra::pulumi-nodejs:dynamic/hookstream:AlertRule::failures",
            expected: "urn:pulumi:dev::infra::hookstream:index:AlertRule::failures",
        },
        // A resource inside a component: only the resource's own type part changes.
        {
            urn: "urn:pulumi:dev::infra::acme:Alerting$pulumi-nodejs:dynamic/hookstream:NotificationChannel::ops",
            expected: "urn:pulumi:dev::infra::acme:Alerting$hookstream:index:NotificationChannel::ops",
        },
        // A child of a moved resource moves with it.
        {
            urn: "urn:pulumi:dev::infra::pulumi-nodejs:dynamic/hookstream:NotificationChannel$acme:Note::ops-note",
            expected: "urn:pulumi:dev::infra::hookstream:index:NotificationChannel$acme:Note::ops-note",
        },
        // A name may hold `::` and a type token's name: neither is touched.
        {
            urn: "urn:pulumi:dev::infra::pulumi-nodejs:dynamic/hookstream:NotificationChannel::a::pulumi-nodejs:dynamic/hookstream:AlertRule",
            expected:
                "urn:pulumi:dev::infra::hookstream:index:NotificationChannel::a::pulumi-nodejs:dynamic/hookstream:AlertRule",
        },
        {
            urn: "urn:pulumi:dev::infra::pulumi-nodejs:dynamic/other:Thing::x",
            expected: "urn:pulumi:dev::infra::pulumi-nodejs:dynamic/other:Thing::x",
        },
        {
            urn: "urn:pulumi:dev::infra::pulumi:providers:pulumi-nodejs::default",
            expected: "urn:pulumi:dev::infra::pulumi:providers:pulumi-nodejs::default",
        },
    ];
    for (const { urn, expected } of rows) {
        it(`maps ${urn.split("::").slice(2).join("::")} to ${expected.split("::").slice(2).join("::")}`, () => {
            assert.equal(toNativeUrn(urn), expected);
        });
    }
});

describe("nativeTokenFor", () => {
    it("names the native token of each dynamic one and nothing for any other type", () => {
        assert.equal(
            nativeTokenFor("pulumi-nodejs:dynamic/hookstream:NotificationChannel"),
            "hookstream:index:NotificationChannel",
        );
        assert.equal(nativeTokenFor("pulumi-nodejs:dynamic/hookstream:AlertRule"), "hookstream:index:AlertRule");
        assert.equal(nativeTokenFor("hookstream:index:AlertRule"), undefined);
        assert.equal(nativeTokenFor("pulumi-nodejs:dynamic/other:Thing"), undefined);
    });
});
