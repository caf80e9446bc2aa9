/*
 * The reincarnation server's protocol, spoken by the `service` command
 * (root only) and by services. Strings (program paths, arguments) are
 * addresses in the caller's memory; rs copies them.
 */
#ifndef EMBER_PROTO_RS_H
#define EMBER_PROTO_RS_H

#include <ember/proto/common.h>

enum rs_call {
    RS_UP = RS_BASE + 1, /* path, args, label, period_ms, flags -> endpoint (in ep) */
    RS_DOWN,             /* label: stop it for good */
    RS_RESTART,          /* label: stop and start again, keeping its state policy */
    RS_REFRESH,          /* label: restart with fresh state */
    RS_KILL,             /* label: crash it on purpose (rs restarts it as after a crash) */
    RS_FI,               /* label, fi_kind, seed, count: inject faults into it */
    RS_LIST,             /* buf, size -> count of struct rs_service_info */
    RS_LOOKUP,           /* label -> endpoint */
};

#define RS_LABEL_MAX 16

/* RS_UP flags */
#define RS_NORESTART  0x1 /* do not restart it when it dies */
#define RS_KEEP_STATE 0x2 /* restart in place: the same endpoint, its state kept */

/* RS_FI kinds */
enum rs_fi_kind {
    FI_CRASH = 1,   /* jump to an invalid address */
    FI_CODE_FLIP,   /* flip a bit in its code */
    FI_DATA_FLIP,   /* flip a bit in its data, bss or heap */
    FI_REG_FLIP,    /* flip a bit in one of its registers */
    FI_LOOP,        /* make it loop forever where it is */
    FI_BAD_POINTER, /* load a kernel address into a register it uses as a pointer */
    FI_RETVAL,      /* corrupt the return value of its current kernel or IPC call */
    FI_RANDOM,      /* any of the above, chosen by the seed */
};

struct rs_req {
    uint64_t path;               /* RS_UP: program; RS_LIST: buffer */
    uint64_t args;               /* RS_UP: arguments, space separated */
    uint32_t path_len, args_len; /* RS_LIST: buffer size in path_len */
    char label[RS_LABEL_MAX];
    int32_t period_ms; /* heartbeat period; 0: the default; RS_FI: fi_kind */
    int32_t flags;     /* RS_UP flags; RS_FI: count */
};

struct rs_reply {
    endpoint_t ep;
    int32_t pid;
    uint64_t seed; /* RS_FI: in (the seed), out: faults injected */
};

/* States in struct rs_service_info */
enum rs_state { RS_STATE_UP = 1, RS_STATE_RESTARTING, RS_STATE_DOWN, RS_STATE_FAILED };

struct rs_service_info {
    char label[RS_LABEL_MAX];
    char path[48];
    endpoint_t ep;
    int32_t pid;
    uint32_t restarts;
    int32_t state;     /* enum rs_state */
    int32_t period_ms; /* heartbeat period, 0: none */
    uint32_t flags;    /* RS_UP flags */
    uint64_t up_since_ns;
    uint64_t last_restart_ns;
    char last_reason[32]; /* why it was last restarted: "exit 1", "signal 11", "hang" ... */
};

#define RS_LAYOUTS                                                                                 \
    struct rs_req rs_req;                                                                          \
    struct rs_reply rs_reply;

#endif
