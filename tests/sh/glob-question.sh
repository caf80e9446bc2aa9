: > gq_1; : > gq_22
echo gq_?
echo gq_??
