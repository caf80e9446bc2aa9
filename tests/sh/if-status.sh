if false; then :; fi; echo $?
if true; then false; fi; echo $?
