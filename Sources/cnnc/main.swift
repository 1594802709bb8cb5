print("cnnc")
