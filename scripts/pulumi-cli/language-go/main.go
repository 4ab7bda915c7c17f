// Command pulumi-language-go runs Go Pulumi programs for the engine.
//
// It is built by scripts/pulumi-cli.sh where the official Go language host cannot be had (package langhost says
// why). It starts the program exactly as the official host does: `go build -buildvcs=false -o <temp> -trimpath
// -ldflags "-w -s"` in the program's directory (or the prebuilt `binary`, or into `buildTarget`, that Pulumi.yaml's
// runtime options name), then runs that binary in the engine's working directory with the run's settings in the
// environment (PULUMI_MONITOR, PULUMI_ENGINE, PULUMI_PROJECT, PULUMI_STACK, PULUMI_CONFIG, …), which the Go SDK's
// pulumi.Run reads. Left out, because nothing here uses them: `go run` mode, debugger attach and plugins written
// in Go.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"pulumi-hookstream.local/cli-build/langhost"
)

type languageHost struct{ langhost.Base }

func main() {
	langhost.Serve("pulumi-language-go", func(b langhost.Base) pulumirpc.LanguageRuntimeServer { return &languageHost{b} })
}

// goOptions are Pulumi.yaml's `runtime.options` the official host reads: a prebuilt `binary` to run, or a
// `buildTarget` to build into and keep.
type goOptions struct {
	binary      string
	buildTarget string
}

func parseOptions(info *pulumirpc.ProgramInfo) (goOptions, error) {
	var opts goOptions
	for key, target := range map[string]*string{"binary": &opts.binary, "buildTarget": &opts.buildTarget} {
		if value, ok := info.GetOptions().AsMap()[key]; ok {
			text, ok := value.(string)
			if !ok {
				return opts, fmt.Errorf("%s option must be a string", key)
			}
			*target = text
		}
	}
	if opts.binary != "" && opts.buildTarget != "" {
		return opts, errors.New("binary and buildTarget cannot both be specified")
	}
	return opts, nil
}

func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return nil, err
	}
	env, err := h.programEnv(req)
	if err != nil {
		return nil, fmt.Errorf("failed to prepare environment: %w", err)
	}
	program := opts.binary
	if program != "" {
		if program, err = exec.LookPath(program); err != nil {
			return nil, fmt.Errorf("unable to find '%s' executable: %w", opts.binary, err)
		}
	} else {
		if program, err = compileProgram(req.GetInfo().GetProgramDirectory(), opts.buildTarget); err != nil {
			return nil, fmt.Errorf("error in compiling Go: %w", err)
		}
		if opts.buildTarget == "" {
			defer os.Remove(program)
		}
	}
	cmd := exec.CommandContext(ctx, program)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return langhost.RunResult(cmd.Run(), program), nil
}

// compileProgram builds the program's main package into outfile, or a temporary file when outfile is empty.
func compileProgram(programDir, outfile string) (string, error) {
	if matches, err := filepath.Glob(filepath.Join(programDir, "*.go")); err != nil || len(matches) == 0 {
		return "", fmt.Errorf("Failed to find go files for 'go build' matching %s", filepath.Join(programDir, "*.go"))
	}
	if outfile == "" {
		f, err := os.CreateTemp("", "pulumi-go.*")
		if err != nil {
			return "", fmt.Errorf("unable to create go program temp file: %w", err)
		}
		if err := f.Close(); err != nil {
			return "", fmt.Errorf("unable to close go program temp file: %w", err)
		}
		outfile = f.Name()
	}
	build := exec.Command("go", "build", "-buildvcs=false", "-o", outfile, "-trimpath", "-ldflags", "-w -s")
	build.Dir = programDir
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		return "", fmt.Errorf("unable to run `go build`: %w", err)
	}
	return outfile, nil
}

// programEnv is the environment pulumi.Run reads its settings from, named by the SDK's own constants.
func (h *languageHost) programEnv(req *pulumirpc.RunRequest) ([]string, error) {
	config, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(), config...)
	for key, value := range map[string]string{
		pulumi.EnvOrganization:        req.GetOrganization(),
		pulumi.EnvProject:             req.GetProject(),
		pulumi.EnvPulumiRootDirectory: req.GetInfo().GetRootDirectory(),
		pulumi.EnvStack:               req.GetStack(),
		pulumi.EnvDryRun:              strconv.FormatBool(req.GetDryRun()),
		pulumi.EnvParallel:            strconv.Itoa(int(req.GetParallel())),
		pulumi.EnvMonitor:             req.GetMonitorAddress(),
		pulumi.EnvEngine:              h.EngineAddress,
	} {
		if value != "" {
			env = append(env, key+"="+value)
		}
	}
	return env, nil
}

// InstallDependencies runs `go mod tidy -compat=1.18` in the program's directory, as the official host does.
func (h *languageHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	return langhost.InstallWith(req, server, langhost.CommandInstaller("go", "mod", "tidy", "-compat=1.18"))
}

func (h *languageHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return langhost.CommandVersion("go", "version")
}
