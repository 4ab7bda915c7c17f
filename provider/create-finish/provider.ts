import type * as pulumi from "@pulumi/pulumi";
import { configureFromStack, transport } from "../core/connection";
import { isNotFound } from "../core/errors";
import { inPool } from "../core/in-pool";
import { kindNamed } from "../resources";
import type { CreateFinishInputs, CreateFinishOutputs, FinishMember } from "./inputs";

/** Finishing PATCHes in flight at once; the transport's pacer still holds them to the rate limit. */
const concurrentFinishes = 16;

/**
 * The provider of the step that finishes the dynamic host's creates (resource.ts says why it is a step of its own):
 * for each object of its members that a create left marked, one PATCH that gives it its declared name, which takes
 * the marker off, and disables it when it is declared disabled (POST takes no `enabled`). A member bearing no marker
 * (adopted, or finished by an earlier version) needs nothing. An update finishes only the objects it was not given
 * before (new members, new objects after a replacement): a rename or a removed member is no change. Refresh and delete
 * send nothing.
 */
export const createFinishProvider: pulumi.dynamic.ResourceProvider<CreateFinishInputs, StoredFinish> = {
    configure: (req) => configureFromStack(req.config),
    check: async (_olds, news) => ({ inputs: news }),
    // A change whenever an object is new to the step (its outputs list every object it has been given), marked or
    // not: in a preview a member's marker may not be known yet, and recording an unmarked one costs no request. An
    // unknown list (a preview) may hold a new object too.
    diff: async (_id, olds, news) => ({ changes: !Array.isArray(news.members) || newMembers(news, olds).length > 0 }),
    async create(inputs) {
        await finish(marked(newMembers(inputs)));
        return { id: "finish", outs: givenTo(inputs) };
    },
    read: async (id, props) => ({ id, props }),
    async update(_id, olds, news) {
        await finish(marked(newMembers(news, olds)));
        return { outs: givenTo(news) };
    },
    delete: async () => {},
};

/** What a step stores: its outputs, or its whole inputs where an earlier version stored those. */
type StoredFinish = Partial<CreateFinishOutputs & CreateFinishInputs>;

/** The outputs of a step given these inputs. */
function givenTo(inputs: Partial<CreateFinishInputs> | undefined): CreateFinishOutputs {
    return { given: membersOf(inputs).map((member) => member.objectId) };
}

/** The members whose objects the stored step was not given. */
function newMembers(news: CreateFinishInputs, olds?: StoredFinish): FinishMember[] {
    const given = new Set(Array.isArray(olds?.given) ? olds.given : givenTo(olds).given);
    return membersOf(news).filter((member) => !given.has(member.objectId));
}

/** Those a create left marked. */
function marked(members: FinishMember[]): FinishMember[] {
    return members.filter((member) => member.marker !== undefined && member.marker !== null);
}

/** The members, or none where the list is not yet known (a preview) or absent (no inputs). */
function membersOf(inputs: Partial<CreateFinishInputs> | undefined): FinishMember[] {
    return Array.isArray(inputs?.members) ? inputs.members : [];
}

async function finish(members: FinishMember[]): Promise<void> {
    const failures: unknown[] = [];
    // A failure does not stop the others: each is collected and reported once all are done.
    await inPool(members, concurrentFinishes, (member) =>
        finishOne(member).catch((error: unknown) => {
            failures.push(error);
        }),
    );
    // Each error already names its object and request; the next `up` finishes what is left.
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1)
        throw new AggregateError(
            failures,
            `${failures.length} of ${members.length} creates could not be finished (the next \`pulumi up\` finishes them): ` +
                failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join("; "),
        );
}

async function finishOne({ resource, objectId, name, enabled }: FinishMember): Promise<void> {
    try {
        // Objects are created enabled; a leftover taken up already has the declared `enabled`.
        await kindNamed(resource).endpoints.update(transport(), objectId, { name, ...(enabled ? {} : { enabled }) });
    } catch (error) {
        // Deleted since its create: the resource's own next read or update says so, in its terms.
        if (!isNotFound(error)) throw error;
    }
}
