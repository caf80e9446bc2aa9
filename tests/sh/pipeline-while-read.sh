printf 'a\nb\nc\n' | while read l; do echo "<$l>"; done | cat
