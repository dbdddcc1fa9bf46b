import Clientele
print("clientele")
