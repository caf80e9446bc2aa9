case "a|b" in "a|b") echo quoted-bar;; esac
case b in a|b) echo alt;; esac
