/*
 * Case: reception under garbage. The host side of QEMU's socket netdev
 * (tests/system/test_nics.py) floods the NIC with random frames: every
 * length from 0 to 2000 bytes, random bytes, some with well-formed
 * Ethernet, ARP and IP headers over broken payloads. We receive
 * promiscuously, so everything the device passes reaches the driver's
 * checks, until the host's marker frame arrives; then we answer with an
 * echo frame the host waits for. The driver must deliver only frames of a
 * possible length, and stay alive both ways.
 *
 * The echo is repeated until the host acknowledges it. A SEND's answer
 * says the frame is in the device's ring and the device was kicked, not
 * that it has left: QEMU's virtio-net takes the kick through an eventfd
 * and sends from a bottom half, both in QEMU's main loop, and on a busy
 * host nettest's "halt" ended QEMU before that loop ran, taking all the
 * echoes with it. Only the host can say a frame arrived.
 */
#include "nettest.h"

#define MARKER          "ember-nettest-marker"
#define ECHO            "ember-nettest-echo"
#define ECHO_ACK        "ember-nettest-ack"
#define GARBAGE_WAIT_MS 120000
#define ECHOES          30 /* one a second until the host acknowledges */
#define ECHO_ACK_MS     1000
#define SETTLE_MS       1500 /* QEMU's e1000 takes nothing for a second after a filter change */

/* Wait up to ms for a test frame carrying text; other frames are dropped. */
static bool wait_test_frame(const char *text, unsigned ms)
{
    uint8_t buf[FRAME_BUF];
    uint64_t now, deadline = after_ms(ms);

    while ((now = after_ms(0)) < deadline) {
        int n = rx_frame(buf, sizeof(buf), (unsigned)((deadline - now + 999999) / 1000000));
        if (n > 0 && is_test_frame(buf, (size_t)n, text))
            return true;
    }
    return false;
}

int receive_garbage_frames(void)
{
    static const uint8_t broadcast[NDEV_HWADDR_LEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    uint8_t buf[FRAME_BUF];
    struct ndev_stats before, after;
    unsigned frames = 0;
    bool marker = false;

    EXPECT(ensure_session(), 0);
    EXPECT(session_conf(NDEV_MODE_PROMISC, GRANT_INVALID, 0), 0);
    EXPECT(session_stats(&before, sizeof(before)), sizeof(before));
    rx_bad_length = 0;
    sleep_ms(SETTLE_MS);
    printf("nettest: ready for garbage frames\n");
    fflush(stdout);
    uint64_t deadline = after_ms(GARBAGE_WAIT_MS);
    while (!marker && after_ms(0) < deadline) {
        int n = rx_frame(buf, sizeof(buf), 1000);
        if (n > 0) {
            frames++;
            marker = is_test_frame(buf, (size_t)n, MARKER);
        }
    }
    CHECK(marker, "no marker frame after %u frames", frames);
    printf("nettest: marker received after %u frames\n", frames);
    EXPECT(rx_bad_length, 0);
    EXPECT(session_stats(&after, sizeof(after)), sizeof(after));
    printf("nettest: driver counted %llu in, %llu errors, %llu dropped, %llu filtered\n",
           (unsigned long long)(after.in_packets - before.in_packets),
           (unsigned long long)(after.in_errors - before.in_errors),
           (unsigned long long)(after.in_dropped - before.in_dropped),
           (unsigned long long)(after.in_filtered - before.in_filtered));
    CHECK(after.in_packets - before.in_packets >= frames, "fewer frames counted than delivered");
    size_t len = build_test_frame(buf, broadcast, drv.mac, ECHO);
    bool acked = false;
    int sent;
    for (sent = 0; sent < ECHOES && !acked; sent++) {
        EXPECT(send_frame(buf, len, 1), len);
        acked = wait_test_frame(ECHO_ACK, ECHO_ACK_MS);
    }
    CHECK(acked, "the host acknowledged none of %d echoes", sent);
    printf("nettest: echo acknowledged after %d sent\n", sent);
    return 0;
}
