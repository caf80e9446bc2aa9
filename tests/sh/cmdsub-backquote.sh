echo `echo bq` "`echo dq`"
