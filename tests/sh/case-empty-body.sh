case a in a) ;; b) echo b;; esac; echo $?
