! echo x | false; echo $?
! true | true; echo $?
