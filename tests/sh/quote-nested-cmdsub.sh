echo "$(echo "inner \"quoted\"" 'single')"
