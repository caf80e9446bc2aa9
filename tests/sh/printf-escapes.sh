printf 'tab\there\\back\101\n'
