import os

os.environ.setdefault("ASYSTA_TESTING", "1")
