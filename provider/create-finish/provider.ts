import type * as pulumi from "@pulumi/pulumi";
import { configureFromStack, transport } from "../core/connection";
import { isNotFound } from "../core/errors";
import { kindNamed } from "../resources";
import type { CreateFinishInputs } from "./inputs";

/**
 * The provider of the step that finishes a create of the dynamic host (resource.ts says why it is a step of its
 * own): one PATCH that gives the object its declared name, which takes the create's marker off, and disables it
 * when it is declared disabled (POST takes no `enabled`). Nothing to do for an object that bears no marker (adopted, or created by a version
 * that finished in `create`). It runs again only for a new object, after a replacement; refresh and delete send
 * nothing.
 */
export const createFinishProvider: pulumi.dynamic.ResourceProvider<CreateFinishInputs, CreateFinishInputs> = {
    configure: (req) => configureFromStack(req.config),
    check: async (_olds, news) => ({ inputs: news }),
    diff: async (_id, olds, news) => ({ changes: olds.objectId !== news.objectId }),
    async create(inputs) {
        await finish(inputs);
        return { id: inputs.objectId, outs: inputs };
    },
    read: async (id, props) => ({ id, props }),
    async update(_id, _olds, news) {
        await finish(news);
        return { outs: news };
    },
    delete: async () => {},
};

async function finish({ resource, objectId, name, enabled, marker }: CreateFinishInputs): Promise<void> {
    if (marker === undefined || marker === null) return;
    try {
        // Objects are created enabled; a leftover taken up already has the declared `enabled`.
        await kindNamed(resource).endpoints.update(transport(), objectId, { name, ...(enabled ? {} : { enabled }) });
    } catch (error) {
        // Deleted since its create: the resource's own next read or update says so, in its terms.
        if (!isNotFound(error)) throw error;
    }
}
