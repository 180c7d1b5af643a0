#!/bin/sh
# Builds tools/kernels/neon_check.c with CKernels for arm64 and runs it: natively on arm64,
# under qemu-aarch64 elsewhere (Debian: apt-get install qemu-user gcc-aarch64-linux-gnu).
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
src="$root/Sources/CKernels"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if [ "$(uname -m)" = aarch64 ] || [ "$(uname -m)" = arm64 ]; then
    cc -O3 -I"$src/include" -I"$src" "$src"/*.c "$root/tools/kernels/neon_check.c" -o "$out/neon_check" -lm
    "$out/neon_check"
else
    aarch64-linux-gnu-gcc -O3 -static -I"$src/include" -I"$src" "$src"/*.c "$root/tools/kernels/neon_check.c" \
        -o "$out/neon_check" -lm
    qemu-aarch64 "$out/neon_check"
fi
