umask 027
umask
umask 0022
umask
