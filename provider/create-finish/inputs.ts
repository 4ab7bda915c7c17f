/** One object a finishing step gives its declared name and state. */
export interface FinishMember {
    /** The resource kind's name (`NotificationChannel`). */
    resource: string;
    objectId: string;
    name: string;
    enabled: boolean;
    /** The marker the create left on the name; absent when there is nothing to finish. */
    marker?: string | null;
}

/** What the step that finishes creates is given: the objects of the resources it follows. */
export interface CreateFinishInputs {
    members: FinishMember[];
}

/**
 * What the step stores: the ids of the objects it has been given, all its diff needs. Their names and markers stay in
 * its inputs only, so a refresh or preview of a large program carries the member list once, not twice.
 */
export interface CreateFinishOutputs {
    given: string[];
}
