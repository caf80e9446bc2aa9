printf 'echo in-dot\nreturn 5\necho no\n' > rdf_file.sh
f() { . ./rdf_file.sh; echo "dot returned $?"; }
f
