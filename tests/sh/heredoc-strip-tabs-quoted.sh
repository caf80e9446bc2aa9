cat <<-'END'
	$literal
	END
