/*
 * Where an ndev layout sits in a message (the union in ipc.h lists
 * NDEV_LAYOUTS).
 */
#ifndef NDEV_MSG_H
#define NDEV_MSG_H

#include <ember/ipc.h>
#include <ember/proto/ndev.h>

#define NDEV_MSG(m, layout) (&(m)->layout)

#endif
