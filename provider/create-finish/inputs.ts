/** What the step that finishes a create is given: the object, and the name and state it is to be left in. */
export interface CreateFinishInputs {
    /** The resource kind's name (`NotificationChannel`). */
    resource: string;
    objectId: string;
    name: string;
    enabled: boolean;
    /** The marker the create left on the name; absent when there is nothing to finish. */
    marker?: string | null;
}
