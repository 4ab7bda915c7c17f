// Command pulumi-language-nodejs runs Node.js Pulumi programs for the engine.
//
// It is built by scripts/pulumi-cli.sh only where the official Node.js language host cannot be had (its Go module
// is not served by the module proxy these machines reach, while the CLI's is). It speaks the engine's
// LanguageRuntime protocol and starts the program exactly as the official host does: `node
// @pulumi/pulumi/cmd/run` from the program's own node_modules, with the same flags and the same PULUMI_CONFIG /
// PULUMI_CONFIG_SECRET_KEYS environment. Everything that decides how a program and its dynamic providers behave
// therefore lives in the project's @pulumi/pulumi; this file only launches it. Left out, because nothing here uses
// them: plugin discovery from package.json, the synchronous-invoke pipes, debugger attach and program generation.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// exitAfterUserActionableMessage is the exit code @pulumi/pulumi/cmd/run uses once it has shown the user an error.
const exitAfterUserActionableMessage = 32

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: pulumi-language-nodejs [flags] <engine-address>")
		os.Exit(1)
	}
	// The engine passes its own address last; flags the official host accepts (tracing, root) are ignored here.
	host := &languageHost{engineAddress: os.Args[len(os.Args)-1]}
	cancel := make(chan bool)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "fatal: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "fatal: %v\n", err)
		os.Exit(1)
	}
}

func (h *languageHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// GetRequiredPackages reports none: the only plugin a dynamic-provider program needs, pulumi-resource-pulumi-nodejs,
// is found on PATH, as the official host leaves it too.
func (h *languageHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *languageHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *languageHost) GetProgramDependencies(
	context.Context, *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

func (h *languageHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{Executable: "node", Version: strings.TrimSpace(string(out))}, nil
}

// InstallDependencies runs `npm install` in the program's directory, streaming its output to the engine.
func (h *languageHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.IsTerminal)
	if err != nil {
		return err
	}
	defer closer.Close()
	cmd := exec.CommandContext(server.Context(), "npm", "install")
	cmd.Dir = req.GetInfo().GetProgramDirectory()
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install in %s: %w", cmd.Dir, err)
	}
	return closer.Close()
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
	nodeArgs = append(nodeArgs, runArguments(req, runPath, h.engineAddress, programDir)...)

	cmd := exec.CommandContext(ctx, "node", nodeArgs...)
	cmd.Dir = programDir
	cmd.Env = env
	cmd.Stdout = struct{ *os.File }{os.Stdout}
	cmd.Stderr = struct{ *os.File }{os.Stderr}
	err = cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() == exitAfterUserActionableMessage:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exitErr):
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
	}
}

// runArguments builds the command line of @pulumi/pulumi/cmd/run, flag for flag as the official host does.
func runArguments(req *pulumirpc.RunRequest, runPath, engineAddress, programDir string) []string {
	args := []string{runPath}
	add := func(flag, value string) {
		if value != "" {
			args = append(args, "--"+flag, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root-directory", req.GetInfo().GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", programDir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
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
