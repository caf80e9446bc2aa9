: > gqt_x
echo "gqt_"* 'gqt_*' gqt_\*
