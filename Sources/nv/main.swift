print("nv: not built yet")
