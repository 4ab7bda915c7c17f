export {
    exportStoredState,
    localStack as testStack,
    pulumiBinDir,
    pulumiEnv,
    temporaryDir,
    passphrase,
    pulumiVersionLabel,
    pythonVirtualenv,
} from "../../scripts/pulumi-toolchain";
