/*
 * The Intel 8254x registers and descriptors the driver uses, as the
 * 8254x Family of Gigabit Ethernet Controllers Software Developer's Manual
 * names them (offsets into BAR0's memory space).
 */
#ifndef E1000_REG_H
#define E1000_REG_H

#include <stdint.h>

/* General */
#define REG_CTRL   0x0000
#define REG_STATUS 0x0008
#define REG_EERD   0x0014
#define REG_ICR    0x00C0 /* read clears */
#define REG_IMS    0x00D0
#define REG_IMC    0x00D8
/* Receive */
#define REG_RCTL  0x0100
#define REG_RDBAL 0x2800
#define REG_RDBAH 0x2804
#define REG_RDLEN 0x2808
#define REG_RDH   0x2810
#define REG_RDT   0x2818
#define REG_RDTR  0x2820
/* Transmit */
#define REG_TCTL  0x0400
#define REG_TIPG  0x0410
#define REG_TDBAL 0x3800
#define REG_TDBAH 0x3804
#define REG_TDLEN 0x3808
#define REG_TDH   0x3810
#define REG_TDT   0x3818
/* Filters */
#define REG_MTA   0x5200 /* 128 words: the multicast hash table */
#define REG_RAL0  0x5400
#define REG_RAH0  0x5404
#define MTA_WORDS 128
/* Statistics (read clears) */
#define REG_CRCERRS 0x4000
#define REG_MPC     0x4010 /* missed: no room in the receive ring */

#define CTRL_FD      (1u << 0)
#define CTRL_LRST    (1u << 3)
#define CTRL_ASDE    (1u << 5)
#define CTRL_SLU     (1u << 6)
#define CTRL_ILOS    (1u << 7)
#define CTRL_RST     (1u << 26)
#define CTRL_VME     (1u << 30)
#define CTRL_PHY_RST (1u << 31)

#define STATUS_FD          (1u << 0)
#define STATUS_LU          (1u << 1)
#define STATUS_SPEED_SHIFT 6
#define STATUS_SPEED_MASK  (3u << STATUS_SPEED_SHIFT)

#define EERD_START      (1u << 0)
#define EERD_DONE       (1u << 4)
#define EERD_ADDR_SHIFT 8
#define EERD_DATA_SHIFT 16

#define RAH_AV (1u << 31) /* the address is valid */

/* Interrupt causes (ICR, IMS, IMC) */
#define INT_TXDW   (1u << 0) /* a transmit descriptor was written back */
#define INT_LSC    (1u << 2) /* link status change */
#define INT_RXDMT0 (1u << 4) /* receive descriptors running low */
#define INT_RXO    (1u << 6) /* receiver overrun */
#define INT_RXT0   (1u << 7) /* receive timer: frames arrived */

#define RCTL_EN    (1u << 1)
#define RCTL_UPE   (1u << 3)  /* unicast promiscuous */
#define RCTL_MPE   (1u << 4)  /* multicast promiscuous */
#define RCTL_BAM   (1u << 15) /* broadcast accept */
#define RCTL_SECRC (1u << 26) /* strip the CRC */
/* BSIZE 00 with BSEX 0: 2048-byte buffers */

#define TCTL_EN         (1u << 1)
#define TCTL_PSP        (1u << 3) /* pad short packets */
#define TCTL_CT_SHIFT   4
#define TCTL_COLD_SHIFT 12
#define TCTL_CT         0x0F /* collision threshold */
#define TCTL_COLD_FD    0x40 /* collision distance, full duplex */

#define TIPG_COPPER (10u | (8u << 10) | (6u << 20)) /* IPGT, IPGR1, IPGR2 */

struct rx_desc {
    uint64_t addr;
    uint16_t length;
    uint16_t csum;
    uint8_t status;
    uint8_t errors;
    uint16_t special;
};

#define RXS_DD  (1u << 0) /* descriptor done */
#define RXS_EOP (1u << 1) /* end of packet */
#define RXE_BAD 0x97      /* CE SE SEQ CXE RXE: the frame itself is bad */

struct tx_desc {
    uint64_t addr;
    uint16_t length;
    uint8_t cso;
    uint8_t cmd;
    uint8_t status;
    uint8_t css;
    uint16_t special;
};

#define TXC_EOP  (1u << 0) /* end of packet */
#define TXC_IFCS (1u << 1) /* insert the FCS */
#define TXC_RS   (1u << 3) /* report status (sets DD) */
#define TXS_DD   (1u << 0)
#define TXS_EC   (1u << 1) /* excess collisions */
#define TXS_LC   (1u << 2) /* late collision */

_Static_assert(sizeof(struct rx_desc) == 16, "receive descriptor layout");
_Static_assert(sizeof(struct tx_desc) == 16, "transmit descriptor layout");

#endif
