// The truth of the Go part of `npm run bench -- accuracy` (src/bench/suites/accuracy-go.ts): every
// identifier use in the given standard-library packages, resolved by go/types, with the position of the
// name it resolves to. Run as `go run go-uses.go PKG...` with the Go toolchain whose GOROOT holds the
// packages; dependencies are type-checked from source too (importer "source"), so nothing needs building.
// Prints one JSON array: {use:[file,line,col], name, def:[file,line,col], category, call}; files relative
// to GOROOT/src, columns in bytes, 1-based (go/token's).
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

type use struct {
	Use      [3]any `json:"use"`
	Name     string `json:"name"`
	Def      [3]any `json:"def"`
	Category string `json:"category"`
	Call     bool   `json:"call"`
}

func main() {
	src := filepath.Join(runtime.GOROOT(), "src") + string(filepath.Separator)
	if real, err := filepath.EvalSymlinks(src); err == nil {
		src = real + string(filepath.Separator)
	}
	rel := func(p token.Position) (string, bool) {
		f := p.Filename
		if real, err := filepath.EvalSymlinks(f); err == nil {
			f = real
		}
		return strings.TrimPrefix(f, src), strings.HasPrefix(f, src)
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	out := []use{}
	for _, ip := range os.Args[1:] {
		bp, err := build.Default.Import(ip, "", 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		var files []*ast.File
		for _, name := range bp.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(bp.Dir, name), nil, parser.SkipObjectResolution)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			files = append(files, f)
		}
		info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
		conf := types.Config{Importer: imp, Error: func(error) {}}
		conf.Check(ip, fset, files, info)
		// Which idents are a selector's Sel, a call's callee, a composite literal's key.
		sel := map[*ast.Ident]*ast.SelectorExpr{}
		callee := map[*ast.Ident]bool{}
		key := map[*ast.Ident]bool{}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.SelectorExpr:
					sel[x.Sel] = x
				case *ast.CallExpr:
					fn := x.Fun
					for p, ok := fn.(*ast.ParenExpr); ok; p, ok = fn.(*ast.ParenExpr) {
						fn = p.X
					}
					if s, ok := fn.(*ast.SelectorExpr); ok {
						callee[s.Sel] = true
					} else if id, ok := fn.(*ast.Ident); ok {
						callee[id] = true
					}
				case *ast.KeyValueExpr:
					if id, ok := x.Key.(*ast.Ident); ok {
						key[id] = true
					}
				}
				return true
			})
		}
		for id, obj := range info.Uses {
			if obj == nil || obj.Pkg() == nil || !obj.Pos().IsValid() {
				continue // universe names (int, len, nil, error.Error)
			}
			if _, ok := obj.(*types.PkgName); ok {
				continue // a package name: ax answers the import, go/types has no position to compare
			}
			if _, ok := obj.(*types.Label); ok {
				continue
			}
			switch o := obj.(type) {
			case *types.Func:
				obj = o.Origin()
			case *types.Var:
				obj = o.Origin()
			}
			up, dp := fset.Position(id.Pos()), fset.Position(obj.Pos())
			uf, ok1 := rel(up)
			df, ok2 := rel(dp)
			if !ok1 || !ok2 {
				continue
			}
			cat := ""
			s := sel[id]
			switch o := obj.(type) {
			case *types.Var:
				switch {
				case o.IsField() && key[id]:
					cat = "literal key"
				case o.IsField() && s != nil && info.Selections[s] != nil && len(info.Selections[s].Index()) > 1:
					cat = "promoted field"
				case o.IsField():
					cat = "field"
				case o.Parent() == o.Pkg().Scope():
					cat = "package var"
				default:
					cat = "local"
				}
			case *types.Func:
				sig, _ := o.Type().(*types.Signature)
				switch {
				case sig != nil && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()):
					cat = "interface method"
				case sig != nil && sig.Recv() != nil && s != nil && info.Selections[s] != nil && len(info.Selections[s].Index()) > 1:
					cat = "promoted method"
				case sig != nil && sig.Recv() != nil:
					cat = "method"
				default:
					cat = "func"
				}
			case *types.TypeName:
				cat = "type"
			case *types.Const:
				cat = "const"
			default:
				continue
			}
			if s != nil && info.Selections[s] == nil && cat != "field" && cat != "method" {
				cat = "qualified " + cat // pkg.Name
			}
			out = append(out, use{Use: [3]any{uf, up.Line, up.Column}, Name: id.Name, Def: [3]any{df, dp.Line, dp.Column}, Category: cat, Call: callee[id]})
		}
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
