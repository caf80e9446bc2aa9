echo 1 | { read a; echo $((a+1)); } | { read a; echo $((a+1)); } | { read a; echo $((a+1)); } | { read a; echo $((a+1)); }
