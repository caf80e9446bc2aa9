: > gp_a
echo ./gp_*
