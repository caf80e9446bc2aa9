exec > res_file
echo hidden
exec >&2
cat res_file >&2
