e=
set -- $e "" $e
echo $#
