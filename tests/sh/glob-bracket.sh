: > gb_a; : > gb_b; : > gb_c
echo gb_[ab]
echo gb_[a-b]
echo gb_[!a]
echo gb_[!a-b]
