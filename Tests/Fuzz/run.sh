#!/bin/sh
# Builds one libFuzzer target and runs it.
#   Tests/Fuzz/run.sh [TARGET] [seconds] [extra libFuzzer flags...]     (default: compile, 60 seconds)
# TARGET: compile (the spec front end, seeded with Specs/), or a file reader seeded with
# Tests/Fuzz/Seeds/TARGET: npy, safetensors, idx, gzip, netpbm, darknet (a .cfg after an even
# first byte, a .weights file after an odd one), onnx. A number as the first argument
# is the seconds of the compile target, as before.
# New interesting inputs go to .build/fuzz/corpus-TARGET; crashes to .build/fuzz/TARGET-crash-*.
set -eu
cd "$(dirname "$0")/../.."
target=compile
case "${1:-}" in
    compile|npy|safetensors|idx|gzip|netpbm|darknet|onnx) target="$1"; shift ;;
    ''|[0-9]*) ;;
    *) echo "run.sh: unknown target '$1' (compile, npy, safetensors, idx, gzip, netpbm, darknet, onnx)" >&2; exit 2 ;;
esac
seconds="${1:-60}"
[ $# -gt 0 ] && shift
out=.build/fuzz
corpus="$out/corpus-$target"
mkdir -p "$corpus"
flags="-sanitize=fuzzer,address -parse-as-library -O -g -wmo -I $out"

module() {  # module NAME SOURCES...: one instrumented object file and its .swiftmodule
    name="$1"; shift
    swiftc $flags -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -c -o "$out/$name.o" "$@"
}

module CNNModel Sources/CNNModel/*.swift
if [ "$target" = compile ]; then
    module CNNDiagnostics Sources/CNNDiagnostics/*.swift
    # The summary is not needed to fuzz the compiler.
    module CNNFrontEnd $(find Sources/CNNFrontEnd -name '*.swift' -not -path '*/Summary/*' | sort)
    swiftc $flags -module-name FuzzCompile Tests/Fuzz/FuzzCompile.swift \
        "$out/CNNModel.o" "$out/CNNDiagnostics.o" "$out/CNNFrontEnd.o" -o "$out/fuzz-compile"
    seeds=Specs
    set -- -max_len=4096 -dict=Tests/Fuzz/spec.dict "$@"
else
    # The readers are the CNNFormats module; built with testing on, so that the targets reach
    # internal types (Gzip, Inflate) as the unit tests do.
    [ -f "$out/CNNFormats.o" ] && [ -z "$(find Sources/CNNFormats -newer "$out/CNNFormats.o" -name '*.swift')" ] || {
        swiftc $flags -enable-testing -module-name CNNFormats -emit-module -emit-module-path "$out/CNNFormats.swiftmodule" \
            -c -o "$out/CNNFormats.o" $(find Sources/CNNFormats -name '*.swift' | sort)
    }
    if [ "$target" = darknet ] || [ "$target" = onnx ]; then
        module CNNInterchange $(find Sources/CNNInterchange -name '*.swift' | sort)
        name=$( [ "$target" = darknet ] && echo Darknet || echo ONNX )   # after module, which sets name
        swiftc $flags -module-name "Fuzz$name" "Tests/Fuzz/Fuzz$name.swift" \
            "$out/CNNModel.o" "$out/CNNFormats.o" "$out/CNNInterchange.o" -o "$out/fuzz-$target"
    fi
    name=$(case "$target" in npy) echo Npy;; safetensors) echo Safetensors;; idx) echo IDX;; gzip) echo Gzip;;
           netpbm) echo Netpbm;; esac)
    [ "$target" = darknet ] || [ "$target" = onnx ] || swiftc $flags -module-name "Fuzz$name" "Tests/Fuzz/Fuzz$name.swift" Tests/Fuzz/FuzzReaderSupport.swift \
        "$out/CNNModel.o" "$out/CNNFormats.o" -o "$out/fuzz-$target"
    seeds="Tests/Fuzz/Seeds/$target"
    set -- -max_len=8192 "$@"
    [ -f "Tests/Fuzz/$target.dict" ] && set -- -dict="Tests/Fuzz/$target.dict" "$@"
fi

"$out/fuzz-$target" -max_total_time="$seconds" -timeout=5 -artifact_prefix="$out/$target-" \
    -print_final_stats=1 "$@" "$corpus" "$seeds"
