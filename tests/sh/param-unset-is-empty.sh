echo "[$nothing_here]" [${nothing_here}]
