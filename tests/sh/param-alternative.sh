unset u; e=; s=x
echo [${u:+a}] [${u+b}] [${e:+c}] [${e+d}] [${s:+e}]
