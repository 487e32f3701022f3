#!/usr/bin/env bash
# Rebuilds the vendored Tree-sitter grammars in grammars/ from pinned npm packages, so that a fresh
# clone needs no C toolchain: `npm install` brings web-tree-sitter and ax loads these committed .wasm
# files (docs/languages.md, "Vendored grammars"). Run it only to add or bump a grammar.
#
# Needs: node/npm (npm pack fetches each package at its pinned version; npm checks the tarball against
# the registry's integrity), and Debian bookworm's clang 14 + lld + wasi-libc headers:
#   apt-get install -y clang lld wasi-libc
# Each grammar's src/parser.c (+ src/scanner.c) is compiled into a WebAssembly *side module* (a
# `dylink.0` section, position-independent code and data, memory and table imported), the form
# web-tree-sitter 0.25's loadWebAssemblyModule links into its runtime. Clang 14 emits PIC for wasm
# only for the emscripten OS, hence --target=wasm32-unknown-emscripten with wasi-libc's headers (no
# emscripten install is needed: nothing is linked but the grammar; libc calls become imports that the
# runtime, tree-sitter.wasm, exports: malloc, memcpy, iswspace, ...). The data relocations run from
# the module's start function.
# Two grammars are copied, not compiled: their npm sources are ABI 9 (tree-sitter 0.16 era), which
# web-tree-sitter 0.25 refuses, while another npm package ships a wasm built from a newer source.
#
# Usage: scripts/build-grammars.sh [--check] [NAME...]
#   --check  build into a temporary folder and compare with the committed files and manifest (exit 1 on
#            any difference): proves the committed .wasm files are what this script makes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# name | npm package@version | folder of src/ inside the package, or the .wasm path to copy | mode
GRAMMARS=(
  "perl             tree-sitter-perl@2.0.0                            .                           build"
  "sql              @derekstride/tree-sitter-sql@0.3.11               .                           build"
  "scss             tree-sitter-scss@1.0.0                            .                           build"
  "thrift           tree-sitter-thrift@0.5.0                          .                           build"
  "markdown         @tree-sitter-grammars/tree-sitter-markdown@0.3.2  tree-sitter-markdown        build"
  "elm              @elm-tooling/tree-sitter-elm@5.9.4                .                           build"
  "r                @eagleoutice/tree-sitter-r@1.1.2                  .                           build"
  "clojure          @cursorless/tree-sitter-wasms@0.7.0               out/tree-sitter-clojure.wasm copy"
  "erlang           @optave/codegraph@3.11.2                          grammars/tree-sitter-erlang.wasm copy"
)

CHECK=0
if [[ "${1:-}" == "--check" ]]; then CHECK=1; shift; fi
ONLY=("$@")

OUT="$ROOT/grammars"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
if [[ $CHECK == 1 ]]; then OUT="$WORK/out"; fi
mkdir -p "$OUT/licenses"

CC=clang
RES="$($CC -print-resource-dir)"
CFLAGS=(--target=wasm32-unknown-emscripten -Os -fPIC -fvisibility=hidden -fno-exceptions
  -nostdinc -isystem "$RES/include" -isystem /usr/include/wasm32-wasi -D__wasi__ -w
  -ffile-prefix-map="$WORK"=.) # assert() messages embed __FILE__: keep the temporary folder out of the output
LD=wasm-ld-14
command -v $LD >/dev/null || LD=wasm-ld
LDFLAGS=(--experimental-pic -shared --no-entry --allow-undefined -O2 --gc-sections --strip-debug)

declare -A PACKED=()
pack() { # $1 = package@version -> prints the extracted package folder
  local spec="$1" key dir
  key="$(echo "$spec" | tr '@/' '__')"
  dir="$WORK/pkg/$key"
  if [[ -z "${PACKED[$key]:-}" ]]; then
    mkdir -p "$dir"
    (cd "$WORK" && npm pack "$spec" --silent --json >"$dir.json")
    tar xzf "$WORK/$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"))[0].filename)' "$dir.json")" -C "$dir"
    PACKED[$key]=1
  fi
  echo "$dir"
}

ENTRIES="$WORK/entries.tsv"
: >"$ENTRIES"
for row in "${GRAMMARS[@]}"; do
  read -r name spec where mode <<<"$row"
  if [[ ${#ONLY[@]} -gt 0 && ! " ${ONLY[*]} " =~ " $name " ]]; then continue; fi
  dir="$(pack "$spec")/package"
  wasm="$OUT/tree-sitter-$name.wasm"
  if [[ $mode == copy ]]; then
    cp "$dir/$where" "$wasm"
  else
    src="$dir/$where/src"
    objs=()
    for c in "$src"/parser.c "$src"/scanner.c; do
      [[ -f "$c" ]] || continue
      o="$WORK/$name-$(basename "$c" .c).o"
      echo "compiling $spec $where/src/$(basename "$c")" >&2
      $CC "${CFLAGS[@]}" -I "$src" -c "$c" -o "$o"
      objs+=("$o")
    done
    if [[ -f "$src/scanner.cc" ]]; then echo "$name: C++ scanner not supported" >&2; exit 1; fi
    $LD "${LDFLAGS[@]}" --export="tree_sitter_$name" "${objs[@]}" -o "$wasm"
  fi
  lic="$(ls "$dir"/LICENSE* "$dir/$where"/LICENSE* 2>/dev/null | head -1 || true)"
  if [[ -n "$lic" ]]; then cp "$lic" "$OUT/licenses/tree-sitter-$name.txt"
  else # no licence file in the package: record what its package.json declares
    node -e 'const p=require(process.argv[1]); console.log(`${p.name}@${p.version} ships no licence file; its package.json declares: ${p.license}`)' \
      "$dir/package.json" >"$OUT/licenses/tree-sitter-$name.txt"
  fi
  integrity="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"))[0].integrity)' "$(dirname "$dir").json")"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$spec" "$where" "$mode" "$integrity" >>"$ENTRIES"
done

# Load every file in web-tree-sitter (ABI 13-15, imports the runtime provides) and write the manifest.
node "$ROOT/scripts/grammar-manifest.mjs" "$OUT" "$ENTRIES" "$($CC --version | head -1)"

if [[ $CHECK == 1 ]]; then
  fail=0
  for f in "$OUT"/*.wasm; do
    if ! cmp -s "$f" "$ROOT/grammars/$(basename "$f")"; then echo "DIFFERS: $(basename "$f")"; fail=1; else echo "same: $(basename "$f")"; fi
  done
  exit $fail
fi
