"$SH" -c 'cat < emf_missing' 2>&1 | { read l; case $l in *emf_missing*) echo names-file;; esac; }
