echo $ "$" a$ $1x
