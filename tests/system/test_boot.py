"""The kernel boots both ways, reports what it booted with, and panics cleanly."""
import harness


def test_disk_image_boots_through_grub_to_banner_and_memory_map(boot, tmp_path):
    image = harness.make_disk_image(str(tmp_path / 'ember.img'), 64)
    m = boot('disk', image)
    m.expect(r'Ember \S+ \(x86_64 microkernel\) booted by GRUB')
    m.expect(r'memory map:')
    m.expect(r'[0-9a-f]{16}-[0-9a-f]{16} usable')
    m.expect(r'memory: \d+ MiB usable')
    m.expect(r'modules: \d+')


def test_kernel_boot_lists_command_line_and_modules(boot):
    mods = f'{harness.BUILD}/bin/hello hello first-arg,{harness.TOP}/release/bootlist'
    m = boot('kernel', 'qemuexit hello=world', env={'EMBER_MODULES': mods})
    m.expect(r'booted by qemu')
    m.expect(r'command line: .*qemuexit hello=world')
    m.expect(r'modules: 2')
    m.expect(r'hello\s+[0-9a-f]+-[0-9a-f]+\s+\d+ KiB\s+\S+/bin/hello hello first-arg')
    m.expect(r'bootlist\s+[0-9a-f]+-[0-9a-f]+')


def test_deliberate_panic_prints_message_and_fails(boot):
    m = boot('kernel', 'qemuexit testpanic', env={'EMBER_MODULES': ''})
    m.expect(r'KERNEL PANIC: deliberate panic requested on the command line')
    assert m.wait_exit() == harness.EXIT_PANIC


def test_halt_without_modules_exits_with_success(boot):
    m = boot('kernel', 'qemuexit', env={'EMBER_MODULES': ''})
    m.expect(r'no boot modules: nothing to run; halting')
    assert m.wait_exit() == harness.EXIT_SUCCESS


def test_disk_image_root_partition_is_clean(tmp_path):
    image = harness.make_disk_image(str(tmp_path / 'ember.img'), 64)
    code, out = harness.e2fsck(image)
    assert code == 0, out
