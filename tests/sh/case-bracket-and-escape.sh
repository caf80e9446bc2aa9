case "a]" in *\]) echo bracket;; esac
case "-" in [a-]) echo dash;; esac
