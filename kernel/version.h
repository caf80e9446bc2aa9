#ifndef VERSION_H
#define VERSION_H
#define OS_NAME    "Ember"
#define OS_VERSION "0.1"
#endif
