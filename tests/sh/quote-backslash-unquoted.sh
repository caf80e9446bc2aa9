echo \$x \" \\ a\ b \'
