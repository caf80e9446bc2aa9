false; echo $?
true; echo $?
:; echo $?
