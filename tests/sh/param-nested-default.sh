unset x y
echo ${x:-${y:-deep}} ${x:-"$(echo sub)"}
