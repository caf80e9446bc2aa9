printf 'echo x\n' > noexec_126.sh
./noexec_126.sh 2>discard.out; echo $?
