while false; do :; done; echo $?
for x in a; do false; done; echo $?
