set -- x "y z"
for w; do echo "[$w]"; done
for w do echo "<$w>"; done
