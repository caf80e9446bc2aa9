#!/usr/bin/python3
"""Pack the Linux baseline's initramfs: busybox, the benchmark, the modules.

usage: mkinitramfs.py --kernel /boot/vmlinuz-VERSION --bin DIR --out FILE

The archive holds busybox-static with the applets init.sh uses, the static
benchmark binaries from DIR (bench, bench-true, boot-tsc), init.sh as /init,
and the kernel modules the benchmark disk and the NIC need. Debian builds
virtio-pci, virtio-blk, ext4 (which also mounts ext2) and e1000 as modules; they and what they
depend on, by modules.dep, are copied decompressed to /lib/modules/ and
listed in load order in /lib/modules/load-order, for init.sh to insmod.
The archive is an uncompressed newc cpio made with cpio(1).
"""
import argparse
import lzma
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BUSYBOX = '/bin/busybox'
APPLETS = ['sh', 'mount', 'umount', 'insmod', 'sleep', 'ifconfig', 'poweroff', 'cat', 'echo']
PROGRAMS = ['bench', 'bench-true', 'boot-tsc']
# Modules named by what the disk needs (ext4 will not mount without a crc32c
# driver) and the NIC QEMU gives both systems by default (e1000, for the
# guest-host TCP metrics); their dependencies come from modules.dep.
MODULES = ['virtio_pci', 'virtio_blk', 'crc32c_generic', 'ext4', 'e1000']


def kernel_version(kernel):
    """The version in /boot/vmlinuz-VERSION."""
    name = os.path.basename(kernel)
    if not name.startswith('vmlinuz-'):
        sys.exit(f'mkinitramfs: cannot tell the version of {kernel}')
    return name[len('vmlinuz-'):]


def module_name(path):
    """kernel/fs/ext4/ext4.ko.xz -> ext4 (modprobe treats - and _ alike)."""
    base = os.path.basename(path)
    return base.split('.ko')[0].replace('-', '_')


def read_modules_dep(moddir):
    """Map each module's name to (its path, the paths it depends on)."""
    deps = {}
    with open(os.path.join(moddir, 'modules.dep'), encoding='utf-8') as f:
        for line in f:
            path, _, needs = line.partition(':')
            deps[module_name(path)] = (path, needs.split())
    return deps


def load_order(deps, wanted):
    """Module paths, each after everything it depends on."""
    order, seen = [], set()

    def visit(path):
        if path in seen:
            return
        seen.add(path)
        for need in deps[module_name(path)][1]:
            visit(need)
        order.append(path)

    for name in wanted:
        if name not in deps:
            sys.exit(f'mkinitramfs: module {name} is not in modules.dep')
        visit(deps[name][0])
    return order


def copy_module(moddir, path, dest_dir):
    """Copy one module, decompressed; return its file name in dest_dir."""
    src = os.path.join(moddir, path)
    base = os.path.basename(path)
    name = base[:base.index('.ko')] + '.ko'
    dest = os.path.join(dest_dir, name)
    if base.endswith('.ko.xz'):
        with lzma.open(src) as f_in, open(dest, 'wb') as f_out:
            shutil.copyfileobj(f_in, f_out)
    elif base.endswith('.ko.zst'):
        with open(dest, 'wb') as f_out:
            subprocess.run(['zstd', '-dc', src], stdout=f_out, check=True)
    elif base.endswith('.ko.gz'):
        with open(dest, 'wb') as f_out:
            subprocess.run(['gzip', '-dc', src], stdout=f_out, check=True)
    else:
        shutil.copyfile(src, dest)
    return name


def stage_programs(root, bindir):
    bin_dir = os.path.join(root, 'bin')
    os.makedirs(bin_dir)
    shutil.copy(BUSYBOX, os.path.join(bin_dir, 'busybox'))
    for applet in APPLETS:
        os.symlink('busybox', os.path.join(bin_dir, applet))
    for program in PROGRAMS:
        shutil.copy(os.path.join(bindir, program), os.path.join(bin_dir, program))
    shutil.copy(os.path.join(HERE, 'init.sh'), os.path.join(root, 'init'))
    os.chmod(os.path.join(root, 'init'), 0o755)
    for d in ['dev', 'proc', 'sys', 'mnt', 'tmp']:
        os.makedirs(os.path.join(root, d))


def stage_modules(root, version):
    moddir = os.path.join('/lib/modules', version)
    dest_dir = os.path.join(root, 'lib', 'modules')
    os.makedirs(dest_dir)
    names = [copy_module(moddir, path, dest_dir)
             for path in load_order(read_modules_dep(moddir), MODULES)]
    with open(os.path.join(dest_dir, 'load-order'), 'w', encoding='utf-8') as f:
        f.write(''.join(name + '\n' for name in names))
    return names


def pack(root, out):
    """Write root as a newc cpio archive, files owned by root."""
    listing = subprocess.run(['find', '.'], cwd=root, check=True, capture_output=True,
                             text=True).stdout
    names = '\n'.join(sorted(listing.split())) + '\n'
    with open(out, 'wb') as f:
        subprocess.run(['cpio', '--quiet', '-o', '-H', 'newc', '-R', '0:0'], cwd=root,
                       input=names.encode(), stdout=f, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--kernel', required=True, help='/boot/vmlinuz-VERSION')
    parser.add_argument('--bin', required=True, help='directory of the static bench binaries')
    parser.add_argument('--out', required=True, help='the archive to write')
    args = parser.parse_args()

    root = args.out + '.root'
    shutil.rmtree(root, ignore_errors=True)
    stage_programs(root, args.bin)
    modules = stage_modules(root, kernel_version(args.kernel))
    pack(root, args.out)
    print(f'mkinitramfs: {args.out}: modules {" ".join(modules)}')


if __name__ == '__main__':
    main()
