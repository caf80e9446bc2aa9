"""Networking in the whole system: the NIC drivers, the network server (lwIP),
sockets through vfs, the network commands, and recovery.

Each test boots Ember with init running a shell on the console
(run=/bin/sh): /etc/rc has started the NIC drivers, the network server and
httpd. QEMU's user network gives the guest 10.0.2.15 by DHCP and reaches the
host's loopback as 10.0.2.2; hostfwd carries a free host port to the guest's
port 80. The host side runs its own peers on free ports of 127.0.0.1: an
HTTP server (optionally slow, to stretch a transfer), a UDP echo server, a
TCP echo server and a tiny DNS responder. QEMU forwards the guest's DNS to
the host's resolver, which has no internet here, so the guest's resolver is
pointed at our responder instead (/etc/resolv.conf: nameserver
[10.0.2.2]:PORT).

Every port is picked free at run time, so parallel runs do not collide.
"""
import hashlib
import http.server
import os
import random
import re
import socket
import socketserver
import struct
import threading
import time

import pytest

import harness

NICS = {'e1000': 'e1000', 'virtio-net': 'virtio-net-pci'}
BIG = 16 << 20  # bytes of the big transfers
DNS_NAMES = {'ember-test.example': '192.0.2.7', 'hostside.example': '10.0.2.2'}


# ---- host-side peers ----

def free_port(kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Files(http.server.BaseHTTPRequestHandler):
    """Serves server.files; server.rate (bytes/s) slows the body down."""

    def do_GET(self):
        body = self.server.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        step = 64 << 10
        for at in range(0, len(body), step):
            try:
                self.wfile.write(body[at:at + step])
            except (BrokenPipeError, ConnectionResetError):
                return
            if self.server.rate:
                time.sleep(step / self.server.rate)

    def log_message(self, *args):
        pass


class Peer:
    """A server thread on a free port; stop() ends it."""

    def __init__(self, server):
        self.server = server
        self.port = server.server_address[1]
        self.thread = threading.Thread(target=server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def http_peer(files, rate=0):
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Files)
    server.files, server.rate = files, rate
    return Peer(server)


class UdpEcho(socketserver.BaseRequestHandler):
    def handle(self):
        data, sock = self.request
        sock.sendto(data, self.client_address)


class TcpEcho(socketserver.StreamRequestHandler):
    def handle(self):
        while True:
            data = self.request.recv(4096)
            if not data:
                return
            self.request.sendall(data)


class TcpHold(socketserver.StreamRequestHandler):
    """Says hello, then holds the connection open (even half-closed by the
    peer) for two minutes or until it breaks."""

    def handle(self):
        self.request.sendall(b'hello from the host\n')
        self.request.settimeout(1)
        end = time.time() + 120
        while time.time() < end:
            try:
                if not self.request.recv(4096):
                    time.sleep(1)
            except socket.timeout:
                continue
            except OSError:
                return


class Dns(socketserver.BaseRequestHandler):
    """A DNS responder for DNS_NAMES (A records); NXDOMAIN for the rest."""

    def handle(self):
        query, sock = self.request
        if len(query) < 12:
            return
        qid, at, labels = query[:2], 12, []
        while at < len(query) and query[at]:
            labels.append(query[at + 1:at + 1 + query[at]].decode(errors='replace'))
            at += 1 + query[at]
        question = query[12:at + 5]
        qtype = struct.unpack('!H', query[at + 1:at + 3])[0] if at + 3 <= len(query) else 0
        name = '.'.join(labels).lower()
        addr = DNS_NAMES.get(name)
        self.server.asked.append(name)
        if addr is None:
            reply = qid + struct.pack('!HHHHH', 0x8183, 1, 0, 0, 0) + question
        elif qtype != 1:
            reply = qid + struct.pack('!HHHHH', 0x8180, 1, 0, 0, 0) + question
        else:
            answer = struct.pack('!HHHIH', 0xc00c, 1, 1, 60, 4) + socket.inet_aton(addr)
            reply = qid + struct.pack('!HHHHH', 0x8180, 1, 1, 0, 0) + question + answer
        sock.sendto(reply, self.client_address)


def udp_peer(handler):
    server = socketserver.ThreadingUDPServer(('127.0.0.1', 0), handler)
    server.asked = []
    return Peer(server)


def tcp_peer(handler):
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(('127.0.0.1', 0), handler)
    server.daemon_threads = True
    return Peer(server)


def http_get(port, path, rate=0, timeout=300):
    """GET from the guest's httpd through hostfwd; returns (status, body, seconds)."""
    start = time.time()
    s = socket.create_connection(('127.0.0.1', port), timeout=timeout)
    s.sendall(f'GET {path} HTTP/1.0\r\nHost: guest\r\n\r\n'.encode())
    data = bytearray()
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
        if rate:
            time.sleep(len(chunk) / rate)
    s.close()
    head, _, body = bytes(data).partition(b'\r\n\r\n')
    status = int(head.split()[1]) if head.startswith(b'HTTP/') else 0
    return status, body, time.time() - start


def sha256(data):
    return hashlib.sha256(data).hexdigest()


# ---- the guest ----

class Guest:
    """Ember with a shell on the console and QEMU's user network."""

    def __init__(self, boot, nic='e1000', extra_net=(), timeout=120):
        self.http_port = free_port()
        extra = ['-netdev', f'user,id=n0,hostfwd=tcp:127.0.0.1:{self.http_port}-:80',
                 '-device', f'{NICS[nic]},netdev=n0', *extra_net]
        self.m = boot('kernel', 'qemuexit run=/bin/sh', extra=extra, timeout=timeout)
        self.m.expect(r'rc: Ember is up', timeout=120)
        self.wait_for_address()

    def sh(self, command, timeout=120):
        """Run a shell command; returns (exit status, what it printed)."""
        self.m.sendline(f'{command}; echo "==RC=$?=="')
        found = self.m.expect(r'==RC=(\d+)==', timeout=timeout)
        return int(found.group(1)), self.m.child.before

    def ok(self, command, timeout=120):
        status, out = self.sh(command, timeout)
        assert status == 0, f'{command!r} failed ({status}):\n{out}'
        return out

    def wait_for_address(self, timeout=60):
        """Until DHCP has configured the interface on QEMU's user network."""
        end = time.time() + timeout
        while time.time() < end:
            status, out = self.sh('ifconfig')
            if status == 0 and 'inet 10.0.2.15' in out:
                return out
            time.sleep(1)
        raise AssertionError(f'no interface got 10.0.2.15:\n{self.m.tail()}')

    def wait_for_httpd(self, timeout=60):
        end = time.time() + timeout
        while time.time() < end:
            try:
                if http_get(self.http_port, '/', timeout=10)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(1)
        raise AssertionError('httpd does not answer through hostfwd')


def rs_restarts(guest, label):
    out = guest.ok('service list')
    row = re.search(rf'^{re.escape(label)}\s+(-?\d+)\s+(\d+)\s+(\d+)\s+(\S+)', out, re.M)
    assert row, f'no service {label}:\n{out}'
    return int(row.group(1)), int(row.group(3)), row.group(4)


def iface_config(guest, ifname='eth0'):
    """What the server must replay after a driver restart: the flags, the
    IPv4 configuration, the hardware address and driver, the default route
    (not the counters, not the IPv6 addresses' states)."""
    out = guest.ok(f'ifconfig {ifname}')
    lines = [ln.strip() for ln in out.splitlines()
             if re.match(rf'\s*({ifname}:|inet |ether )', ln)]
    lines = [re.sub(r'(\s+\d+ Mb/s)?(, restarted \d+ times)?$', '', ln) for ln in lines]
    route = re.search(r'^default\s+\S+.*$', guest.ok('route -n'), re.M)
    return lines + [route.group(0).strip() if route else 'no default route']


def wait_until_up(guest, label, timeout=60):
    end = time.time() + timeout
    while rs_restarts(guest, label)[2] != 'up':
        assert time.time() < end, f'{label} does not come back'
        time.sleep(0.5)


# ---- the tests ----

@pytest.mark.parametrize('nic', sorted(NICS))
def test_sixteen_mib_each_way_with_matching_checksums(boot, nic):
    """The guest fetches 16 MiB from a host server (10.0.2.2), then the host
    fetches them back from the guest's httpd through hostfwd."""
    data = random.Random(8).randbytes(BIG)
    peer = http_peer({'/big': data})
    try:
        g = Guest(boot, nic)
        ifc = g.ok('ifconfig eth0')
        assert f'driver {nic}_0' in ifc and '(dhcp, lease' in ifc
        assert re.search(r'default\s+10\.0\.2\.2\s', g.ok('route'))
        start = time.time()
        out = g.ok(f'wget -O /var/www/big http://10.0.2.2:{peer.port}/big', timeout=600)
        down = time.time() - start
        assert f'saved /var/www/big: {BIG} bytes' in out
        g.wait_for_httpd()
        status, body, up = http_get(g.http_port, '/big')
        assert status == 200 and len(body) == BIG
        assert sha256(body) == sha256(data), 'the round trip changed the file'
        print(f'\n{nic}: 16 MiB host->guest {down:.1f} s ({BIG / down / 1e6:.2f} MB/s), '
              f'guest->host {up:.1f} s ({BIG / up / 1e6:.2f} MB/s)')
        assert 'LISTEN' in g.ok('netstat -a')
        assert re.search(r'eth0\s+1500\s+\d+', g.ok('netstat -i'))
    finally:
        peer.stop()


def test_udp_echo_dns_ping_tcp_echo_and_ipv6(boot):
    echo, tcp, dns = udp_peer(UdpEcho), tcp_peer(TcpEcho), udp_peer(Dns)
    files = http_peer({'/small': b'small file over a DNS name\n'})
    try:
        g = Guest(boot)
        out = g.ok(f'echo hello-over-udp | nc -u -w 3 10.0.2.2 {echo.port}')
        assert 'hello-over-udp' in out
        out = g.ok(f'echo hello-over-tcp | nc -w 3 10.0.2.2 {tcp.port}')
        assert 'hello-over-tcp' in out
        # ICMP: QEMU's user network answers echo requests to its gateway itself
        out = g.ok('ping -c 3 10.0.2.2', timeout=60)
        assert '3 packets transmitted, 3 received' in out
        # DNS through our responder, and getaddrinfo's use of it
        g.ok(f"echo 'nameserver [10.0.2.2]:{dns.port}' > /etc/resolv.conf")
        out = g.ok('host ember-test.example')
        assert 'ember-test.example has address 192.0.2.7' in out
        status, out = g.sh('host no-such-name.example')
        assert status == 1 and 'not found' in out
        out = g.ok(f'wget -O - http://hostside.example:{files.port}/small')
        assert 'small file over a DNS name' in out
        assert 'ember-test.example' in dns.server.asked
        out = g.ok('host localhost')  # /etc/hosts, no DNS
        assert 'localhost has address 127.0.0.1' in out
        # IPv6 over the loopback interface, UDP and TCP
        g.ok('nc -u -l -6 -p 7000 >/tmp/u6 & nc -l -6 -p 7001 >/tmp/t6 & sleep 1')
        g.ok('echo hello-udp6 | nc -u ::1 7000; echo hello-tcp6 | nc ::1 7001; sleep 1')
        out = g.ok('cat /tmp/u6 /tmp/t6')
        assert 'hello-udp6' in out and 'hello-tcp6' in out
        # usage errors and failures say so with the right status
        assert g.sh('nc')[0] == 2
        assert g.sh('wget ftp://x/y')[0] == 2
        assert g.sh('ifconfig eth9')[0] == 1
    finally:
        for p in (echo, tcp, dns, files):
            p.stop()


@pytest.mark.parametrize('nic', sorted(NICS))
def test_transfer_survives_ten_nic_driver_kills(boot, nic):
    """The host pulls 16 MiB slowly from the guest's httpd while the NIC
    driver is killed ten times; rs restarts it, the network server replays
    the interface (a static configuration, which DHCP would not bring back:
    ifconfig and route show it the same afterwards, ARP and ping work), and
    TCP carries on."""
    data = random.Random(10).randbytes(BIG)
    peer = http_peer({'/big': data})
    try:
        g = Guest(boot, nic)
        g.ok(f'wget -q -O /var/www/big http://10.0.2.2:{peer.port}/big', timeout=600)
        g.wait_for_httpd()
        # a static configuration, so that only the server's replay (not DHCP)
        # can bring it back after the restarts
        g.ok('ifconfig eth0 10.0.2.15/24')
        config = iface_config(g)
        assert 'inet 10.0.2.15 netmask 255.255.255.0 broadcast 10.0.2.255' in config, config
        assert any(ln.startswith('default') and '10.0.2.2' in ln for ln in config), config
        result = {}
        pull = threading.Thread(
            target=lambda: result.update(zip(('status', 'body', 'secs'),
                                             http_get(g.http_port, '/big', rate=400 << 10))))
        pull.start()
        time.sleep(3)
        for i in range(10):
            wait_until_up(g, nic)  # (virtio-net sometimes fails to start, and tries again)
            g.ok(f'service kill {nic}')
            time.sleep(2.5)  # beyond rs's 2 s: each death counts as a fresh one
        pull.join(timeout=600)
        assert not pull.is_alive(), 'the transfer never finished'
        assert result['status'] == 200 and len(result['body']) == BIG, \
            f'got {len(result["body"])} bytes'
        assert sha256(result['body']) == sha256(data)
        _, restarts, state = rs_restarts(g, nic)
        assert restarts >= 10 and state == 'up'
        replays = int(re.search(r'restarted (\d+) times', g.ok('ifconfig eth0')).group(1))
        assert replays >= 10, f'the server replayed the interface {replays} times'
        assert iface_config(g) == config, 'the interface lost its configuration'
        assert '(dhcp' not in g.ok('ifconfig eth0')
        assert '1 received' in g.ok('ping -c 1 -W 5 10.0.2.2', timeout=60)
        print(f'\n{nic}: 16 MiB through 10 driver kills in {result["secs"]:.1f} s')
    finally:
        peer.stop()


def httpd_pids(guest):
    return [int(m.group(1)) for m in re.finditer(r'^\s*(\d+)\s.*\bhttpd\b', guest.ok('ps -e'), re.M)]


def test_net_server_death_is_an_error_then_new_sockets_work(boot):
    """The network server is killed under a connected nc and a listening
    one: both end with ECONNRESET at once; rs restarts the server, which
    configures the interface again; a new connection works, and httpd (from
    /etc/rc, still the same process) serves through hostfwd again."""
    hold, tcp = tcp_peer(TcpHold), tcp_peer(TcpEcho)
    try:
        g = Guest(boot)
        g.wait_for_httpd()
        g.ok(f'(nc 10.0.2.2 {hold.port} </dev/null >/tmp/nc.out 2>/tmp/nc.err; '
             f'echo "nc said $?" >/tmp/nc.status) & echo started')
        g.ok('(nc -l -p 7002 >/dev/null 2>/tmp/ncl.err; echo "listener said $?" >/tmp/ncl.status)'
             ' & echo started')
        end = time.time() + 30
        while 'hello from the host' not in g.sh('cat /tmp/nc.out')[1] or \
                ':7002' not in g.ok('netstat -an'):
            assert time.time() < end, 'nc never connected or listened'
            time.sleep(1)
        before, _, _ = rs_restarts(g, 'net')
        httpd = httpd_pids(g)
        assert len(httpd) == 1, httpd
        g.ok('service kill net')
        end = time.time() + 30
        while g.sh('cat /tmp/nc.status /tmp/ncl.status')[0] != 0:
            assert time.time() < end, 'nc still waits after the server died'
            time.sleep(1)
        out = g.ok('cat /tmp/nc.status /tmp/nc.err')
        assert 'nc said 1' in out and 'Connection reset' in out, out
        out = g.ok('cat /tmp/ncl.status /tmp/ncl.err')  # blocked in accept
        assert 'listener said 1' in out and 'accept: Connection reset' in out, out
        g.wait_for_address()  # the new instance, configured again by DHCP
        after, restarts, state = rs_restarts(g, 'net')
        assert after != before and restarts >= 1 and state == 'up'
        out = g.ok(f'echo after-the-restart | nc -w 3 10.0.2.2 {tcp.port}')
        assert 'after-the-restart' in out
        g.wait_for_httpd()  # the daemon from /etc/rc listens again on its own
        assert http_get(g.http_port, '/')[0] == 200
        assert httpd_pids(g) == httpd, 'httpd was not the same process'
    finally:
        hold.stop()
        tcp.stop()


def test_sockets_at_their_edges(boot):
    """tests/os/socktest as an ordinary process: bad pointers are EFAULT,
    non-blocking calls with select and poll, close, death and signals
    around blocked accept and recv, garbage calls and 4,000 random socket
    messages to vfs, and no way to the network server but through vfs;
    then, as a service (which may send to anyone), 5,000 random messages
    straight to the network server. vfs and the network server are the
    same instances afterwards and httpd serves."""
    g = Guest(boot)
    ep_net, _, _ = rs_restarts(g, 'net')
    ep_vfs = rs_restarts(g, 'vfs')[0] if 'vfs' in g.ok('service list') else None
    status, out = g.sh(f'/usr/tests/socktest stranger={ep_net}', timeout=400)
    found = re.search(r'socktest: (\d+) passed, (\d+) failed', out)
    assert found and (int(found.group(1)), int(found.group(2))) == (12, 0), out
    assert status == 0
    g.ok('service up /usr/tests/socktest -args garbage_messages_to_net_from_a_service -norestart')
    found = g.m.expect(r'socktest: (\d+) passed, (\d+) failed', timeout=300)
    assert (int(found.group(1)), int(found.group(2))) == (1, 0), g.m.tail(30)
    g.wait_for_httpd()
    assert rs_restarts(g, 'net')[0] == ep_net, 'the network server died'
    if ep_vfs is not None:
        assert rs_restarts(g, 'vfs')[0] == ep_vfs
    assert 'panic' not in g.m.output()


def test_bad_length_pointers_are_efault(boot):
    """accept, recvfrom, getsockopt, getsockname and getpeername with a bad
    pointer for the length, recvmsg and sendmsg with a bad header: EFAULT
    for the caller, which lives on, and the sockets keep working (socktest's
    case, booted straight into)."""
    m = boot('kernel', 'qemuexit run=/usr/tests/socktest,bad_length_pointers_are_efault',
             timeout=120)
    found = m.expect(r'socktest: (\d+) passed, (\d+) failed')
    assert (int(found.group(1)), int(found.group(2))) == (1, 0), m.output()
    m.expect(r'init: /usr/tests/socktest exited with status 0')
    assert m.wait_exit() == harness.EXIT_SUCCESS


FUZZ_FRAMES = 100_000
GUEST_MAC = bytes.fromhex('525400aa0002')


def fuzz_frame(rng, dst_ip):
    """A malformed or half-valid Ethernet, ARP, IPv4, TCP or UDP frame."""
    noise = lambda n: rng.randbytes(n)
    dst = rng.choice([GUEST_MAC, b'\xff' * 6, b'\x33\x33' + noise(4), noise(6)])
    src = b'\x02' + noise(5)
    kind = rng.random()
    if kind < 0.15:
        return noise(rng.randint(1, 1600))
    if kind < 0.3:
        arp = struct.pack('!HHBBH', rng.choice([1, rng.getrandbits(16)]), 0x0800,
                          rng.choice([6, rng.getrandbits(8)]), rng.choice([4, rng.getrandbits(8)]),
                          rng.choice([1, 2, rng.getrandbits(16)]))
        return dst + src + b'\x08\x06' + arp + noise(rng.randint(0, 40))
    ihl = rng.choice([5, 5, 5, rng.randint(0, 15)])
    proto = rng.choice([1, 6, 17, 6, 17, rng.getrandbits(8)])
    payload = noise(rng.randint(0, 1400))
    if proto in (6, 17) and rng.random() < 0.7:  # a header with random ports and flags
        hdr = struct.pack('!HHII', rng.getrandbits(16), rng.choice([80, 7, rng.getrandbits(16)]),
                          rng.getrandbits(32), rng.getrandbits(32))
        payload = hdr + payload
    total = rng.choice([20 + len(payload), rng.randint(0, 1500), 65535])
    frag = rng.choice([0, 0, 0x4000, rng.getrandbits(16)])
    ip = struct.pack('!BBHHHBBH4s4s', 0x40 | ihl, 0, total, rng.getrandbits(16), frag,
                     rng.randint(0, 255), proto, rng.getrandbits(16),
                     socket.inet_aton('192.168.77.1'), dst_ip)
    if rng.random() < 0.1:
        return (dst + src + b'\x08\x00' + ip + payload)[:rng.randint(14, 60)]
    return dst + src + b'\x08\x00' + ip + payload


def test_hundred_thousand_malformed_frames(boot):
    """A second NIC (e1000) on QEMU's socket netdev takes 100,000 malformed
    frames from this script; then the driver and the server are the same
    instances and TCP works."""
    host = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    host.bind(('127.0.0.1', 0))
    guest_port = free_port(socket.SOCK_DGRAM)
    fuzz_net = ['-netdev', f'socket,id=n1,udp=127.0.0.1:{host.getsockname()[1]},'
                f'localaddr=127.0.0.1:{guest_port}',
                '-device', 'e1000,netdev=n1,mac=52:54:00:aa:00:02']
    try:
        g = Guest(boot, 'virtio-net', fuzz_net, timeout=180)
        out = g.ok('ifconfig')
        fuzz_if = re.search(r'^(eth\d+): .*\n(?:\s+.*\n)*?\s+ether 52:54:00:aa:00:02', out, re.M)
        assert fuzz_if, out
        fuzz_if = fuzz_if.group(1)
        g.ok(f'ifconfig {fuzz_if} 192.168.77.2/24')
        ep_driver, _, _ = rs_restarts(g, 'e1000')
        ep_net, _, _ = rs_restarts(g, 'net')
        seed = random.randrange(1 << 32)
        rng, guest, dst_ip = random.Random(seed), ('127.0.0.1', guest_port), \
            socket.inet_aton('192.168.77.2')
        start = time.time()
        for i in range(FUZZ_FRAMES):
            host.sendto(fuzz_frame(rng, dst_ip), guest)
            if i % 64 == 63:
                time.sleep(0.01)  # the host's socket buffer is finite
        secs = time.time() - start
        g.wait_for_httpd()
        assert http_get(g.http_port, '/')[0] == 200
        out = g.ok(f'ifconfig {fuzz_if}')
        rx = int(re.search(r'RX packets (\d+)', out).group(1))
        errs = int(re.search(r'RX packets \d+ bytes \d+ errors (\d+)', out).group(1))
        assert rx + errs >= FUZZ_FRAMES // 4, f'only {rx} frames reached the server'
        assert rs_restarts(g, 'e1000')[0] == ep_driver, 'the driver died'
        assert rs_restarts(g, 'net')[0] == ep_net, 'the network server died'
        print(f'\n{FUZZ_FRAMES} frames sent in {secs:.1f} s (seed {seed:#x}); '
              f'{rx} reached lwIP, {errs} refused by the server')
        assert 'panic' not in g.m.output()
    finally:
        host.close()


def test_pthreads_in_a_service_and_an_ordinary_process(boot):
    """libc's threads (they came with the network server): tests/os/threadtest
    as a service, which has the thread kernel calls, then as an ordinary
    process, where pthread_create answers EAGAIN and the rest still works."""
    g = Guest(boot)
    g.ok('service up /usr/tests/threadtest -norestart')
    found = g.m.expect(r'threadtest: (\d+) passed, (\d+) failed', timeout=120)
    assert (int(found.group(1)), int(found.group(2))) == (11, 0), g.m.tail(30)
    out = g.ok('/usr/tests/threadtest ordinary')
    assert 'threadtest: 1 passed, 0 failed' in out
