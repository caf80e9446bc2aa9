x=$(false); echo $?
y=$(exit 7); echo $?
z=$(true); echo $?
