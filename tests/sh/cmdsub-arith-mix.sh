echo $(( $(echo 6) * 7 ))
