for w in do done if; do echo $w; done
