no_such_command_xyz 2>discard.out; echo $?
