#!/bin/sh
# Builds the libFuzzer target for the front end and runs it with Specs/ as the seed corpus.
#   Tests/Fuzz/run.sh [seconds] [extra libFuzzer flags...]     (default: 60 seconds)
# New interesting inputs go to .build/fuzz/corpus; crashes to .build/fuzz/crash-*.
set -eu
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
[ $# -gt 0 ] && shift
out=.build/fuzz
mkdir -p "$out/corpus"
flags="-sanitize=fuzzer,address -parse-as-library -O -g -wmo -I $out"

module() {  # module NAME SOURCES...: one instrumented object file and its .swiftmodule
    name="$1"; shift
    swiftc $flags -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -c -o "$out/$name.o" "$@"
}

module CNNModel Sources/CNNModel/*.swift
module CNNDiagnostics Sources/CNNDiagnostics/*.swift
# The summary is not needed to fuzz the compiler.
module CNNFrontEnd $(find Sources/CNNFrontEnd -name '*.swift' -not -path '*/Summary/*' | sort)
swiftc $flags -module-name FuzzCompile Tests/Fuzz/FuzzCompile.swift \
    "$out/CNNModel.o" "$out/CNNDiagnostics.o" "$out/CNNFrontEnd.o" -o "$out/fuzz-compile"

"$out/fuzz-compile" -max_total_time="$seconds" -timeout=5 -max_len=4096 -artifact_prefix="$out/" \
    -dict=Tests/Fuzz/spec.dict \
    -print_final_stats=1 "$@" "$out/corpus" Specs
