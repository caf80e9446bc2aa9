#!/bin/sh
# Make x86_64-elf-* names for the host toolchain in directory $1. The compiler
# wrapper builds freestanding, non-PIE code without a red zone and without
# the host's headers, which is what newlib's target build expects.
set -e
dir=$1
mkdir -p "$dir"
cat > "$dir/x86_64-elf-gcc" <<'W'
#!/bin/sh
exec gcc -ffreestanding -fno-stack-protector -fno-pie -mno-red-zone -fcf-protection=none \
    -nostdinc -isystem "$(gcc -print-file-name=include)" "$@"
W
chmod +x "$dir/x86_64-elf-gcc"
ln -sf x86_64-elf-gcc "$dir/x86_64-elf-cc"
for t in ar as ld nm ranlib objcopy objdump readelf strip; do
    ln -sf "$(command -v $t)" "$dir/x86_64-elf-$t"
done
