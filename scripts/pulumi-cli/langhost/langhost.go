// Package langhost holds what the project's own language hosts share: serving the engine's LanguageRuntime
// protocol, the requests none of them answers differently, and how a program's exit becomes the engine's answer.
//
// The hosts exist because the official ones' Go modules are not served by the module proxy these machines reach,
// while the CLI's and the SDK's are. Each starts programs exactly as its official counterpart does; what they leave
// out (plugin discovery from package manifests, debugger attach, program and package generation, Link, Pack) is
// never asked of them by this project.
package langhost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"

	"github.com/pulumi/pulumi/sdk/v3/go/common/constant"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Base answers the requests every host here answers alike. Hosts embed it and add Run, InstallDependencies and About.
type Base struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	// EngineAddress is the engine's gRPC address: the last command-line argument, or the one Handshake gives.
	EngineAddress string
}

// Serve starts the gRPC server on a port the kernel picks, prints the port (the engine reads it from the first line
// of stdout) and blocks until the engine stops the host. The engine passes its own address last; flags the official
// hosts accept (tracing, root) are ignored here.
func Serve(name string, newHost func(Base) pulumirpc.LanguageRuntimeServer) {
	if len(os.Args) < 2 {
		fmt.Fprintf(os.Stderr, "usage: %s [flags] <engine-address>\n", name)
		os.Exit(1)
	}
	host := newHost(Base{EngineAddress: os.Args[len(os.Args)-1]})
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: make(chan bool),
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: fatal: %v\n", name, err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "%s: fatal: %v\n", name, err)
		os.Exit(1)
	}
}

func (b *Base) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	b.EngineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (b *Base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// GetRequiredPackages reports none: the plugins this project's programs use are found on PATH or named in
// Pulumi.yaml's `plugins:`, and automatic plugin acquisition is off where they run.
func (b *Base) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (b *Base) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (b *Base) GetProgramDependencies(
	context.Context, *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

// Flags builds a runner's command line as the official hosts do: `--name value` for each value that is not empty.
type Flags []string

func (f *Flags) Add(name, value string) {
	if value != "" {
		*f = append(*f, "--"+name, value)
	}
}

// RunResult turns how a program process ended into the engine's answer, as every official host does: exit status
// 32 (constant.ExitStatusLoggedError, which @pulumi/pulumi, the pulumi Python package and the Go SDK all use once they
// have shown the user an error) bails without another message; any other non-zero status is reported with its code.
func RunResult(err error, runner string) *pulumirpc.RunResponse {
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}
	case errors.As(err, &exitErr) && exitErr.ExitCode() == constant.ExitStatusLoggedError:
		return &pulumirpc.RunResponse{Bail: true}
	case errors.As(err, &exitErr):
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program exited with non-zero exit code: %d", exitErr.ExitCode())}
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run %s: %v", runner, err)}
	}
}

// CommandVersion is the first line `<name> <arg>` prints, for About.
func CommandVersion(name string, arg string) (*pulumirpc.AboutResponse, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return nil, fmt.Errorf("%s is not on PATH: %w", name, err)
	}
	out, err := exec.Command(path, arg).Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", name, arg, err)
	}
	return &pulumirpc.AboutResponse{Executable: path, Version: firstLine(string(out))}, nil
}

func firstLine(s string) string {
	for i, c := range s {
		if c == '\n' || c == '\r' {
			return s[:i]
		}
	}
	return s
}

// ConfigEnv is the program's configuration as the Python and Go runtimes read it: PULUMI_CONFIG holds the keys as the
// engine sends them (`<namespace>:<name>`), PULUMI_CONFIG_SECRET_KEYS the secret ones, both as JSON.
func ConfigEnv(req *pulumirpc.RunRequest) ([]string, error) {
	var env []string
	if values := req.GetConfig(); values != nil {
		data, err := json.Marshal(values)
		if err != nil {
			return nil, fmt.Errorf("failed to serialize configuration: %w", err)
		}
		env = append(env, "PULUMI_CONFIG="+string(data))
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	data, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("failed to serialize configuration secret keys: %w", err)
	}
	return append(env, "PULUMI_CONFIG_SECRET_KEYS="+string(data)), nil
}

// Installer installs a program's dependencies in dir, writing its progress to stdout and stderr.
type Installer func(ctx context.Context, dir string, stdout, stderr io.Writer) error

// InstallWith runs install with its output streamed to the engine, for InstallDependencies.
func InstallWith(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
	install Installer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.IsTerminal)
	if err != nil {
		return err
	}
	defer closer.Close()
	if err := install(server.Context(), req.GetInfo().GetProgramDirectory(), stdout, stderr); err != nil {
		return err
	}
	return closer.Close()
}

// CommandInstaller is an Installer that runs one command line in the program's directory.
func CommandInstaller(name string, args ...string) Installer {
	return func(ctx context.Context, dir string, stdout, stderr io.Writer) error {
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir, cmd.Stdout, cmd.Stderr = dir, stdout, stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s in %s: %w", cmd.String(), dir, err)
		}
		return nil
	}
}
