echo $(case a in a) echo matched;; esac)
echo "$(case b in (b) echo paren;; esac)"
