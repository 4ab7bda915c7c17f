import assert from "node:assert/strict";
import { planRecovery, type HeldObject, type PendingCreate, type PlanInput } from "../../../../cli/recover/plan";
import { formatCreateToken, markedName } from "../../../../provider/core/create-token";

const issuedAt = Date.parse("2026-11-29T10:00:00Z");
const nonce = "0123456789abcdef";
const token = formatCreateToken({ nonce, issuedAt });

/** A pending create as the resource classes record it: they ask for the create to be finished after the save. */
function pendingChannel(name = "ops", createToken: string | null = token, finishAfterSave = true): PendingCreate {
    return {
        urn: `urn:pulumi:dev::infra::pulumi-nodejs:dynamic/hookstream:NotificationChannel::${name}`,
        kind: "NotificationChannel",
        inputs: {
            name,
            channelType: "webhook",
            ...(createToken === null ? {} : { __createToken: createToken }),
            ...(finishAfterSave ? { __finishAfterSave: true } : {}),
        },
    };
}

/** One recorded by a version that took the marker off before the engine saved the id. */
const finishedBeforeSave = pendingChannel("ops", token, false);

function channel(id: string, name: string, createdAt = "2026-11-29T10:00:01Z"): HeldObject {
    return { kind: "NotificationChannel", id, name, type: "webhook", createdAt };
}

function plan(overrides: Partial<PlanInput>) {
    return planRecovery({
        pending: [pendingChannel()],
        held: [],
        known: new Set(),
        assigned: new Map(),
        discarded: new Set(),
        ...overrides,
    });
}

describe("recover: the plan for each pending create", () => {
    it("settles with the object whose name carries the token, even beside an identical look-alike", () => {
        const [decision] = plan({ held: [channel("nc_other", "ops"), channel("nc_mine", markedName("ops", nonce))] });
        assert.equal(decision!.action, "settle");
        assert.equal(decision!.action === "settle" && decision!.object.id, "nc_mine");
    });

    it("never takes an object marked with another create's token", () => {
        const [decision] = plan({ held: [channel("nc_x", markedName("ops", "fedcba9876543210"))] });
        assert.equal(decision!.action, "drop");
    });

    it("drops a create that left no marked object, whatever look-alikes exist: its marker comes off only after the save", () => {
        const [decision] = plan({ held: [channel("nc_other", "ops")] });
        assert.equal(decision!.action, "drop");
        assert.match(decision!.because, /its POST was never carried out/);
    });

    it("for a create finished before the save (an earlier version), asks about look-alikes instead of taking one", () => {
        const [decision] = plan({ pending: [finishedBeforeSave], held: [channel("nc_other", "ops")] });
        assert.equal(decision!.action, "unresolved");
        assert.deepEqual(decision!.action === "unresolved" && decision!.candidates.map((c) => c.id), ["nc_other"]);
    });

    it("for such a create, ignores look-alikes made well before the token, managed ones, and other types", () => {
        const [decision] = plan({
            pending: [finishedBeforeSave],
            held: [
                channel("nc_old", "ops", "2026-11-29T09:00:00Z"),
                channel("nc_managed", "ops"),
                { kind: "NotificationChannel", id: "nc_email", name: "ops", type: "email" },
                { kind: "AlertRule", id: "r_1", name: "ops", type: "dlq" },
            ],
            known: new Set(["nc_managed"]),
        });
        assert.equal(decision!.action, "drop");
    });

    it("a pending create from a version without tokens is settled only by hand when look-alikes exist", () => {
        const [decision] = plan({ pending: [pendingChannel("ops", null, false)], held: [channel("nc_1", "ops")] });
        assert.equal(decision!.action, "unresolved");
        const [none] = plan({ pending: [pendingChannel("ops", null, false)], held: [] });
        assert.equal(none!.action, "drop");
    });

    it("follows --assign and --discard, and refuses an assignment to a managed or missing object", () => {
        const urn = pendingChannel().urn;
        const held = [channel("nc_1", "ops"), channel("nc_2", "ops")];
        const [assigned] = plan({ held, assigned: new Map([[urn, "nc_2"]]) });
        assert.equal(assigned!.action === "settle" && assigned!.object.id, "nc_2");
        const [discarded] = plan({ held, discarded: new Set([urn]) });
        assert.equal(discarded!.action, "drop");
        const [managed] = plan({ held, known: new Set(["nc_2"]), assigned: new Map([[urn, "nc_2"]]) });
        assert.equal(managed!.action, "unresolved");
        const [missing] = plan({ held, assigned: new Map([[urn, "nc_9"]]) });
        assert.equal(missing!.action, "unresolved");
    });

    it("gives one object to one pending create at most", () => {
        const [first, second] = plan({
            pending: [pendingChannel("ops"), pendingChannel("ops-2")],
            held: [channel("nc_1", "ops")],
            assigned: new Map([
                [pendingChannel("ops").urn, "nc_1"],
                [pendingChannel("ops-2").urn, "nc_1"],
            ]),
        });
        assert.equal(first!.action, "settle");
        assert.equal(second!.action, "unresolved");
    });

    it("drops a pending create whose resource an `up` since recorded, rather than recording it twice", () => {
        const [decision] = plan({ recorded: new Map([[pendingChannel().urn, { id: "nc_recorded" }]]) });
        assert.equal(decision!.action, "drop");
        assert.match(decision!.because, /already records it as nc_recorded/);
    });

    it("refuses --assign for a resource the stack already records as another object", () => {
        const [decision] = plan({
            held: [channel("nc_recorded", "ops"), channel("nc_twin", "ops")],
            recorded: new Map([[pendingChannel().urn, { id: "nc_recorded" }]]),
            assigned: new Map([[pendingChannel().urn, "nc_twin"]]),
        });
        assert.equal(decision!.action, "unresolved");
        assert.match(
            decision!.because,
            /--assign names nc_twin, but the stack already records this resource as nc_recorded/,
        );
    });

    it("leaves undecided a recorded resource whose create also left a marked object (a duplicate to delete)", () => {
        const [decision] = plan({
            held: [channel("nc_marked", markedName("ops", nonce))],
            recorded: new Map([[pendingChannel().urn, { id: "nc_recorded" }]]),
        });
        assert.equal(decision!.action, "unresolved");
        assert.deepEqual(decision!.action === "unresolved" && decision!.candidates.map((c) => c.id), ["nc_marked"]);
    });

    describe("a replacement's create (the recorded object is the one it replaces)", () => {
        // The engine checks a replacement without the old inputs: its token has the URN's nonce, issued later.
        const recordedToken = formatCreateToken({ nonce, issuedAt: issuedAt - 86_400_000 });
        const urn = pendingChannel().urn;
        const recorded = new Map([[urn, { id: "nc_old", createToken: recordedToken }]]);
        const replacement = pendingChannel();

        it("settles with its marked object, naming the object it replaces", () => {
            const [decision] = plan({
                pending: [replacement],
                held: [channel("nc_old", "ops"), channel("nc_new", markedName("ops", nonce))],
                known: new Set(["nc_old"]),
                recorded,
            });
            assert.equal(decision!.action, "settle");
            assert.equal(decision!.action === "settle" && decision!.object.id, "nc_new");
            assert.equal(decision!.action === "settle" && decision!.replaces, "nc_old");
            assert.match(decision!.because, /replaces nc_old, which the next `up` deletes/);
        });

        it("drops it when its POST was never carried out: the next `up` replaces the object again", () => {
            const [decision] = plan({
                pending: [replacement],
                held: [channel("nc_old", "ops")],
                known: new Set(["nc_old"]),
                recorded,
            });
            assert.equal(decision!.action, "drop");
        });

        it("is told apart from an `up` since the kill, whose token was issued after the pending create's", () => {
            const later = formatCreateToken({ nonce, issuedAt: issuedAt + 60_000 });
            const [decision] = plan({
                held: [channel("nc_old", "ops"), channel("nc_marked", markedName("ops", nonce))],
                known: new Set(["nc_old"]),
                recorded: new Map([[urn, { id: "nc_old", createToken: later }]]),
            });
            assert.equal(decision!.action, "unresolved");
            assert.match(decision!.because, /records it as nc_old, and nc_marked also carries this create's token/);
        });
    });

    it("refuses --discard of a create whose object exists: the next up would make a second one", () => {
        const [decision] = plan({
            held: [channel("nc_mine", markedName("ops", nonce))],
            discarded: new Set([pendingChannel().urn]),
        });
        assert.equal(decision!.action, "unresolved");
        assert.match(decision!.because, /--discard, but nc_mine carries this create's token: it exists/);
    });
});
