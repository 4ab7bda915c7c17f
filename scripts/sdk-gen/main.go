// Command sdk-gen writes a Pulumi package's Python, Node.js and Go SDKs from its schema.json.
//
//	sdk-gen <schema.json> <out-dir>    writes <out-dir>/python, <out-dir>/nodejs and <out-dir>/go
//
// It calls the code generators of github.com/pulumi/pulumi/pkg/v3 (codegen/python, codegen/nodejs, codegen/go)
// directly, at the version this module's go.mod pins, which is the one scripts/pulumi-cli.sh builds the CLI from:
// `pulumi package gen-sdk` would hand the work to each language's official host, which cannot be had here. Each
// language's folder is emptied first, so a type removed from the schema leaves no stale file behind, and a Go SDK's
// go.mod requires the sdk/v3 this generator was built with, so the SDK and the toolchain agree.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"golang.org/x/mod/modfile"
)

// tool is the name the generated files' "do not edit" headers give.
const tool = "pulumi-hookstream sdk-gen"

const sdkModule = "github.com/pulumi/pulumi/sdk/v3"

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdk-gen <schema.json> <out-dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "sdk-gen: %v\n", err)
		os.Exit(1)
	}
}

// generators write one language's SDK from a bound package, as a map of paths to contents.
var generators = map[string]func(pkg *schema.Package) (map[string][]byte, error){
	"python": func(pkg *schema.Package) (map[string][]byte, error) {
		return pythongen.GeneratePackage(tool, pkg, nil, noReferences{})
	},
	"nodejs": func(pkg *schema.Package) (map[string][]byte, error) {
		return nodejsgen.GeneratePackage(tool, pkg, nil, nil, false, noReferences{})
	},
	"go": func(pkg *schema.Package) (map[string][]byte, error) {
		files, err := gogen.GeneratePackage(tool, pkg, nil)
		if err != nil {
			return nil, err
		}
		return files, requireOwnSDK(files)
	},
}

func run(schemaPath, outDir string) error {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	for language, generate := range generators {
		// Each language binds its own copy: the generators record their language's options on the package.
		pkg, err := bind(data)
		if err != nil {
			return fmt.Errorf("%s: %w", schemaPath, err)
		}
		files, err := generate(pkg)
		if err != nil {
			return fmt.Errorf("generating the %s SDK: %w", language, err)
		}
		if err := writeFiles(filepath.Join(outDir, language), files); err != nil {
			return err
		}
	}
	return nil
}

func bind(data []byte) (*schema.Package, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return nil, fmt.Errorf("not a package schema: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, noReferences{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("invalid schema: %w", diags)
	}
	return pkg, nil
}

func writeFiles(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// requireOwnSDK points a generated go.mod (a schema with `supportPack` gets one) at the
// sdk/v3 this generator was built with, instead of the version the generator hard-codes.
func requireOwnSDK(files map[string][]byte) error {
	gomod, ok := files["go.mod"]
	if !ok {
		return nil
	}
	version, err := ownSDKVersion()
	if err != nil {
		return err
	}
	parsed, err := modfile.Parse("go.mod", gomod, nil)
	if err != nil {
		return err
	}
	if err := parsed.AddRequire(sdkModule, version); err != nil {
		return err
	}
	files["go.mod"], err = parsed.Format()
	return err
}

func ownSDKVersion() (string, error) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", errors.New("no build information in this binary")
	}
	for _, dep := range info.Deps {
		if dep.Path == sdkModule {
			return dep.Version, nil
		}
	}
	return "", fmt.Errorf("%s is not among this binary's modules", sdkModule)
}

// noReferences is the schema loader for a self-contained package: the generators require a loader, and a schema
// that refers to another package's types is an error here.
type noReferences struct{}

func (noReferences) refuse(name string) error {
	return fmt.Errorf("the schema refers to package %q; only self-contained schemas are supported", name)
}

func (l noReferences) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refuse(name)
}

func (l noReferences) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refuse(d.Name)
}

func (l noReferences) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refuse(name)
}

func (l noReferences) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, l.refuse(d.Name)
}
