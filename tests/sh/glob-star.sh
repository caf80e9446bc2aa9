: > gs_a.txt; : > gs_b.txt; : > gs_c.log
echo gs_*.txt
echo gs_*
