case z in
  z) echo zed
esac
