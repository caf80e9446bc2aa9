"""The system as a whole: the boot servers bring up init from the root file
system (the ext2 ramdisk), and init runs a program on the console."""
import harness


def test_init_runs_a_program_from_the_root_file_system(boot):
    m = boot('kernel', 'qemuexit run=/bin/hello')
    m.expect(r'init: starting')
    m.expect(r'hello from user space')
    m.expect(r'init: /bin/hello exited with status 0')
    assert m.wait_exit() == harness.EXIT_SUCCESS


def test_init_reports_a_program_that_does_not_exist(boot):
    m = boot('kernel', 'qemuexit run=/bin/no-such-program')
    m.expect(r'init: cannot run /bin/no-such-program: No such file or directory')
    m.expect(r'init: /bin/no-such-program exited with status 127')
    assert m.wait_exit() == harness.EXIT_SUCCESS
