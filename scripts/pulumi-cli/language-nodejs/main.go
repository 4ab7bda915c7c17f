// Command pulumi-language-nodejs runs Node.js Pulumi programs for the engine.
//
// It is built by scripts/pulumi-cli.sh where the official Node.js language host cannot be had (package langhost
// says why). It starts the program exactly as the official host does: `node
// @pulumi/pulumi/cmd/run` from the program's own node_modules, with the same flags and the same PULUMI_CONFIG /
// PULUMI_CONFIG_SECRET_KEYS environment. Everything that decides how a program and its dynamic providers behave
// therefore lives in the project's @pulumi/pulumi; this file only launches it. Left out, because nothing here uses
// them: plugin discovery from package.json, the synchronous-invoke pipes, debugger attach and program generation.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"pulumi-hookstream.local/cli-build/langhost"
)

type languageHost struct{ langhost.Base }

func main() {
	langhost.Serve("pulumi-language-nodejs", func(b langhost.Base) pulumirpc.LanguageRuntimeServer { return &languageHost{b} })
}

func (h *languageHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return langhost.CommandVersion("node", "--version")
}

// InstallDependencies runs `npm install` in the program's directory, streaming its output to the engine.
func (h *languageHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	return langhost.InstallWith(req, server, langhost.CommandInstaller("npm", "install"))
}

func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := req.GetInfo().GetProgramDirectory()
	if programDir == "" {
		programDir = req.GetPwd()
	}
	runPath, err := resolveFrom(programDir, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	configJSON, err := programConfig(req.GetConfig())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	secretKeys, err := json.Marshal(append([]string{}, req.GetConfigSecretKeys()...))
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	env := append(os.Environ(), "PULUMI_CONFIG="+configJSON, "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))
	options := req.GetInfo().GetOptions().AsMap()
	if ts, ok := options["typescript"].(bool); !ok || ts {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if tsconfig, ok := options["tsconfig"].(string); ok && tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}

	var nodeArgs []string
	if extra, ok := options["nodeargs"].(string); ok && extra != "" {
		nodeArgs = strings.Fields(extra)
	}
	nodeArgs = append(nodeArgs, runArguments(req, runPath, h.EngineAddress, programDir)...)

	cmd := exec.CommandContext(ctx, "node", nodeArgs...)
	cmd.Dir = programDir
	cmd.Env = env
	cmd.Stdout = struct{ *os.File }{os.Stdout}
	cmd.Stderr = struct{ *os.File }{os.Stderr}
	return langhost.RunResult(cmd.Run(), "node"), nil
}

// runArguments builds the command line of @pulumi/pulumi/cmd/run, flag for flag as the official host does.
func runArguments(req *pulumirpc.RunRequest, runPath, engineAddress, programDir string) []string {
	args := langhost.Flags{runPath}
	args.Add("monitor", req.GetMonitorAddress())
	args.Add("engine", engineAddress)
	args.Add("organization", req.GetOrganization())
	args.Add("project", req.GetProject())
	args.Add("root-directory", req.GetInfo().GetRootDirectory())
	args.Add("stack", req.GetStack())
	args.Add("pwd", programDir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args.Add("parallel", strconv.Itoa(int(req.GetParallel())))
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}

// programConfig presents config keys as <namespace>:config:<name>, the form every @pulumi/pulumi version reads.
func programConfig(values map[string]string) (string, error) {
	out := make(map[string]string, len(values))
	for k, v := range values {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", err
		}
		out[key.Namespace()+":config:"+key.Name()] = v
	}
	data, err := json.Marshal(out)
	return string(data), err
}

// resolveFrom finds a module the way Node.js would from dir (node_modules up the tree, workspaces included).
func resolveFrom(dir, module string) (string, error) {
	script := fmt.Sprintf("process.stdout.write(require.resolve(%q, { paths: [process.argv[1]] }))", module)
	out, err := exec.Command("node", "-e", script, dir).Output()
	if err != nil {
		return "", fmt.Errorf("cannot find %s from %s: run `npm install` there first", module, dir)
	}
	return string(out), nil
}
