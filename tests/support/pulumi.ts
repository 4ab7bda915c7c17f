export {
    exportStoredState,
    localStack as testStack,
    pulumiBinDir,
    pulumiEnv,
    temporaryDir,
    passphrase,
} from "../../scripts/pulumi-toolchain";
