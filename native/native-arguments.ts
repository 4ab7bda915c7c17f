/** The argument the host fills in with the resource's name when the program leaves it out, as the dynamic classes do. */
export const autonamedArgument = "name";
