#!/bin/sh
# chmod: octal and symbolic modes, -R, errors.
. "$(dirname "$0")/fileutils.inc"
touch f
mode() {
    ls -ld "$1" | cut -c1-10
}
check chmod-octal "-rwxr-x---" sh -c 'chmod 750 f; ls -l f | cut -c1-10'
check chmod-plus "-rwxr-x--x" sh -c 'chmod o+x f; ls -l f | cut -c1-10'
check chmod-minus "-r-xr-x--x" sh -c 'chmod -w f; ls -l f | cut -c1-10'
check chmod-equals "-r--r--r--" sh -c 'chmod a=r f; ls -l f | cut -c1-10'
check chmod-copy "-rw-rw----" sh -c 'chmod u=rw,g=u,o= f; ls -l f | cut -c1-10'
mkdir -p d/sub
touch d/sub/x
check chmod-recursive-X "drwxr-xr-x -rw-r--r--" sh -c 'chmod -R u=rwX,go=rX d; echo $(ls -ld d/sub | cut -c1-10) $(ls -l d/sub/x | cut -c1-10)'
check_error chmod-bad-mode "invalid mode" chmod u+q f
check_error chmod-missing "cannot access 'nope'" chmod 644 nope
check_status chmod-usage 2 chmod 644
finish
