set -e
false && echo x
echo survived
