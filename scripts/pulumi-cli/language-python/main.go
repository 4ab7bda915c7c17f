// Command pulumi-language-python runs Python Pulumi programs for the engine.
//
// It is built by scripts/pulumi-cli.sh where the official Python language host cannot be had (package langhost says
// why). It starts the program exactly as the official host does: the toolchain that Pulumi.yaml's runtime options
// choose (pip with `virtualenv`, poetry or uv, resolved by the SDK's own python/toolchain package) runs
// `python pulumi-language-python-exec --monitor … --engine … <program>` with PULUMI_CONFIG and
// PULUMI_CONFIG_SECRET_KEYS in the environment. The exec script is the one the SDK module ships, installed beside
// this host, so everything that decides how a program behaves lives in the program's own `pulumi` package. Left out,
// because nothing here uses them: type checkers, debugger attach, policy packs and plugins written in Python.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"

	"pulumi-hookstream.local/cli-build/langhost"
)

// execScript is the runner the official host starts every program through, looked for beside the host's executable.
const execScript = "pulumi-language-python-exec"

type languageHost struct{ langhost.Base }

func main() {
	langhost.Serve("pulumi-language-python", func(b langhost.Base) pulumirpc.LanguageRuntimeServer { return &languageHost{b} })
}

// pythonOptions reads Pulumi.yaml's `runtime.options` as the official host does (`virtualenv` relative to the
// project root or absolute; `toolchain` pip, poetry or uv).
func pythonOptions(info *pulumirpc.ProgramInfo) (toolchain.PythonOptions, error) {
	opts := toolchain.PythonOptions{Root: info.GetRootDirectory(), ProgramDir: info.GetProgramDirectory()}
	options := info.GetOptions().AsMap()
	if value, ok := options["virtualenv"]; ok {
		virtualenv, ok := value.(string)
		if !ok {
			return opts, errors.New("virtualenv option must be a string")
		}
		opts.Virtualenv = virtualenv
	}
	if value, ok := options["toolchain"]; ok {
		switch value {
		case "pip":
			opts.Toolchain = toolchain.Pip
		case "poetry":
			opts.Toolchain = toolchain.Poetry
		case "uv":
			opts.Toolchain = toolchain.Uv
		default:
			return opts, fmt.Errorf("unsupported toolchain option: %v", value)
		}
	}
	if _, ok := options["typechecker"]; ok {
		return opts, errors.New("the typechecker option is not supported by this build's Python language host")
	}
	return opts, nil
}

func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("could not determine current executable: %w", err)
	}
	runner := filepath.Join(filepath.Dir(self), execScript)
	if _, err := os.Stat(runner); err != nil {
		return nil, fmt.Errorf("missing executor %s: %w", runner, err)
	}
	opts, err := pythonOptions(req.GetInfo())
	if err != nil {
		return nil, err
	}
	tc, err := toolchain.ResolveToolchain(opts)
	if err != nil {
		return nil, err
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return nil, err
	}
	cmd, err := tc.Command(ctx, append([]string{runner}, runArguments(req, h.EngineAddress)...)...)
	if err != nil {
		return nil, err
	}
	config, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	env := cmd.Env
	if env == nil {
		env = os.Environ()
	}
	cmd.Env = append(env, config...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	err = cmd.Run()
	if err != nil {
		// Python does not flush its streams when it exits abnormally; flushing ours hands the engine what it wrote.
		_ = os.Stdout.Sync()
		_ = os.Stderr.Sync()
	}
	return langhost.RunResult(err, "python"), nil
}

// runArguments builds the exec script's command line, flag for flag (underscores included) as the official host does.
func runArguments(req *pulumirpc.RunRequest, engineAddress string) []string {
	var args langhost.Flags
	args.Add("monitor", req.GetMonitorAddress())
	args.Add("engine", engineAddress)
	args.Add("project", req.GetProject())
	args.Add("root_directory", req.GetInfo().GetRootDirectory())
	args.Add("stack", req.GetStack())
	args.Add("pwd", req.GetPwd())
	args.Add("dry_run", strconv.FormatBool(req.GetDryRun()))
	args.Add("parallel", strconv.Itoa(int(req.GetParallel())))
	args.Add("organization", req.GetOrganization())
	args = append(args, req.GetInfo().GetEntryPoint())
	return append(args, req.GetArgs()...)
}

// InstallDependencies creates the virtual environment if it is missing and installs requirements.txt (or runs
// poetry or uv) through the SDK's toolchain package, as the official host does.
func (h *languageHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	opts, err := pythonOptions(req.GetInfo())
	if err != nil {
		return err
	}
	tc, err := toolchain.ResolveToolchain(opts)
	if err != nil {
		return err
	}
	return langhost.InstallWith(req, server, func(ctx context.Context, dir string, stdout, stderr io.Writer) error {
		return tc.InstallDependencies(ctx, dir, req.GetUseLanguageVersionTools(), true, stdout, stderr)
	})
}

func (h *languageHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	opts := toolchain.PythonOptions{Toolchain: toolchain.Pip}
	if req.GetInfo() != nil {
		var err error
		if opts, err = pythonOptions(req.GetInfo()); err != nil {
			return nil, err
		}
	}
	tc, err := toolchain.ResolveToolchain(opts)
	if err != nil {
		return nil, err
	}
	info, err := tc.About(ctx)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{Executable: info.PythonExecutable, Version: info.PythonVersion.String()}, nil
}
