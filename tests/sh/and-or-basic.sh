true && echo yes
false && echo no
false || echo alt
true || echo no2
