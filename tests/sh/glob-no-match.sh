echo gn_nomatch_* "gn_*"
