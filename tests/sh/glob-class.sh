: > gc_1; : > gc_x
echo gc_[[:digit:]] gc_[[:alpha:]]
