/* mount() and umount(). */
#ifndef _SYS_MOUNT_H
#define _SYS_MOUNT_H

#define MS_RDONLY 0x1 /* read only */
#define MS_NOSUID 0x2 /* set-user-id and set-group-id bits ignored */

int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
          const void *data);
int umount(const char *target);

/* Ember: umount(), and the ds label of the server that served it. */
int __umount_label(const char *target, char *label);

#endif
