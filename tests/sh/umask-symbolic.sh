umask 077
umask -S
umask g+rx
umask
