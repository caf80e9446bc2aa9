printf abc; printf "\n"
