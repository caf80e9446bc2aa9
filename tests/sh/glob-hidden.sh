: > .gh_hidden; : > gh_visible
echo *gh_hidden gh_v*
echo .gh_*
