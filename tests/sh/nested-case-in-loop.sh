for x in 1 a; do
  case $x in
    [0-9]) case $x in 1) echo one;; esac;;
    *) echo letter;;
  esac
done
