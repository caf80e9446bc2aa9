"""The network drivers, e1000 and virtio-net, against nettest.

nettest (tests/os/nettest/) is a boot module that plays the network server:
it finds the driver in ds, speaks the ndev protocol to it, talks ARP and
DHCP with QEMU's user network, and abuses the protocol in every way it can.
It prints one line per case and a closing "nettest: N passed, N failed",
then halts the machine (status 0 when every case passed). Its last case
kills the driver and starts it again from its boot module, as rs will, and
replays the interface to the new instance.

The receive side under garbage needs a host peer: QEMU's socket netdev
carries the NIC's frames as UDP datagrams, and this file's injector sends
thousands of random and half-valid frames, then a marker frame, waits for
nettest's echo and acknowledges it. nettest repeats the echo until the
acknowledgment comes: a frame in virtio-net's transmit ring has not left
yet (QEMU takes the kick and sends from its main loop, later), and
nettest's halt would lose it. (Zero-length datagrams are left out: QEMU's
socket netdev takes one for the end of the connection and stops reading.)
EMBER_GARBAGE_SEED=N replays the flood of a failed run (its seed is in the
failure message).

Boot modules: ds (module 0, the well-known DS_EP), pci, the driver, nettest.
"""
import os
import random
import re
import socket
import struct
import time

import pytest

import harness

MAC = '52:54:00:12:34:56'
MAC_BYTES = bytes.fromhex(MAC.replace(':', ''))
NICS = {'e1000': 'e1000', 'virtio-net': 'virtio-net-pci'}
USER_CASES = 15
ETH_TEST = 0x88B5
MARKER = b'ember-nettest-marker'
ECHO = b'ember-nettest-echo'
ECHO_ACK = b'ember-nettest-ack'
GARBAGE_FRAMES = 3000
MIN_SEEN = 300  # frames the driver must have looked at (the host drops some when QEMU lags)


def modules(driver, args):
    b = f'{harness.BUILD}/bin'
    return ','.join([f'{b}/ds', f'{b}/pci @io=0xcf8:8', f'{b}/{driver} @heap=4M',
                     f'{b}/nettest {driver}_0 {args} halt @heap=8M'])


def boot_nettest(boot, driver, args, extra, timeout=120):
    return boot('kernel', 'qemuexit', extra=extra, timeout=timeout,
                env={'EMBER_MODULES': modules(driver, args)})


def summary(m, timeout=None):
    found = m.expect(r'nettest: (\d+) passed, (\d+) failed', timeout=timeout)
    return int(found.group(1)), int(found.group(2))


def failures(out):
    return [l for l in out.splitlines() if 'FAIL' in l or re.match(r'\s+\S+\.c:\d+:', l)]


@pytest.mark.parametrize('driver', sorted(NICS))
def test_driver_talks_to_qemu_user_network_and_survives_abuse(boot, driver):
    extra = ['-nic', f'user,model={NICS[driver]},mac={MAC}']
    m = boot_nettest(boot, driver, 'user', extra)
    passed, failed = summary(m)
    out = m.output()
    assert failed == 0, failures(out)
    assert passed == USER_CASES
    assert m.wait_exit() == harness.EXIT_SUCCESS
    assert f'{driver}_0: {MAC}, irq' in out
    assert f'nettest: mac {MAC}' in out
    assert 'nettest: 10.0.2.2 is at 52:55:0a:00:02:02' in out
    assert 'nettest: DHCP offer 10.0.2.15 from 10.0.2.2' in out
    assert 'nettest: 1000 garbage frames sent' in out
    assert re.search(rf'nettest: {driver}_0 restarted: endpoint \d+, was \d+', out)
    assert 'panic' not in out


# ---- the injector ----

def eth(dst, src, ethertype):
    return dst + src + struct.pack('!H', ethertype)


def random_mac(rng):
    return bytes(rng.getrandbits(8) for _ in range(6))


def garbage_frame(rng):
    """One frame of a random kind: pure noise, a real Ethernet header over
    noise, a broken ARP packet, a broken IPv4 packet, or an edge length."""
    kind = rng.random()
    noise = lambda n: bytes(rng.getrandbits(8) for _ in range(n))
    dst = rng.choice([MAC_BYTES, b'\xff' * 6, b'\x01\x00\x5e' + noise(3), random_mac(rng)])
    if kind < 0.4:
        return noise(rng.randint(1, 2000))
    if kind < 0.6:
        return eth(dst, random_mac(rng), rng.getrandbits(16)) + noise(rng.randint(0, 1986))
    if kind < 0.75:
        arp = struct.pack('!HHBBH', rng.choice([1, rng.getrandbits(16)]), 0x0800,
                          rng.choice([6, rng.getrandbits(8)]), rng.choice([4, rng.getrandbits(8)]),
                          rng.choice([1, 2, rng.getrandbits(16)]))
        arp += noise(rng.randint(0, 40))
        return eth(dst, random_mac(rng), 0x0806) + arp
    if kind < 0.9:
        ihl = rng.choice([5, rng.randint(0, 15)])
        total = rng.choice([rng.randint(0, 1500), 65535])
        ip = struct.pack('!BBHHHBBH4s4s', 0x40 | ihl, 0, total, rng.getrandbits(16), 0, 64,
                         rng.choice([1, 6, 17, rng.getrandbits(8)]), rng.getrandbits(16),
                         bytes([10, 0, 2, 2]), bytes([10, 0, 2, 15]))
        return eth(dst, random_mac(rng), 0x0800) + ip + noise(rng.randint(0, 1480))
    length = rng.choice([1, 13, 14, 15, 59, 60, 61, 1513, 1514, 1515, 1518, 1522, 1523, 2000])
    return (eth(dst, random_mac(rng), rng.getrandbits(16)) + noise(2000))[:length]


def control_frame(text):
    return eth(b'\xff' * 6, b'\x02\x00\x00\x00\x00\x01', ETH_TEST) + text + b'\0' * 30


def free_udp_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_for_echo(host, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        host.settimeout(max(0.1, end - time.time()))
        try:
            frame = host.recv(4096)
        except socket.timeout:
            break
        if len(frame) >= 14 and struct.unpack('!H', frame[12:14])[0] == ETH_TEST \
                and frame[14:].startswith(ECHO):
            return frame
    return None


def send_until(m, host, guest, text, line, why):
    """Send the test frame every half second until the guest prints line."""
    for _ in range(120):
        host.sendto(control_frame(text), guest)
        try:
            m.expect_exact(line, timeout=0.5)
            return
        except AssertionError:
            continue
    raise AssertionError(why)


@pytest.mark.parametrize('driver', sorted(NICS))
def test_driver_survives_thousands_of_garbage_frames(boot, driver):
    host = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    host.bind(('127.0.0.1', 0))
    host_port, guest_port = host.getsockname()[1], free_udp_port()
    extra = ['-netdev', f'socket,id=n0,udp=127.0.0.1:{host_port},localaddr=127.0.0.1:{guest_port}',
             '-device', f'{NICS[driver]},netdev=n0,mac={MAC}']
    m = boot_nettest(boot, driver, 'socket', extra, timeout=180)
    try:
        m.expect_exact('nettest: ready for garbage frames', timeout=60)
        seed = int(os.environ.get('EMBER_GARBAGE_SEED', '0'), 0) or random.randrange(1 << 32)
        rng = random.Random(seed)
        guest = ('127.0.0.1', guest_port)
        for i in range(GARBAGE_FRAMES):
            host.sendto(garbage_frame(rng), guest)
            if i % 50 == 49:
                time.sleep(0.02)  # pace the flood: the host's socket buffer is finite
        send_until(m, host, guest, MARKER, 'nettest: marker received',
                   f'the marker never got through (seed {seed:#x})')
        assert wait_for_echo(host), f'no echo from the guest (seed {seed:#x})'
        send_until(m, host, guest, ECHO_ACK, 'nettest: echo acknowledged',
                   f'the guest never took the acknowledgment (seed {seed:#x})')
        passed, failed = summary(m, timeout=60)
    finally:
        host.close()
    out = m.output()
    assert (passed, failed) == (1, 0), failures(out)
    assert m.wait_exit() == harness.EXIT_SUCCESS
    assert 'panic' not in out
    counted = re.search(r'nettest: driver counted (\d+) in, (\d+) errors', out)
    assert counted and int(counted.group(1)) + int(counted.group(2)) >= MIN_SEEN, \
        'the flood never reached the driver'
