echo $(echo hi) "$(echo there)"
