case foo in bar|f?o) echo alt;; esac
case x in (x|y) echo paren;; esac
