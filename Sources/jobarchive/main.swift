print("jobarchive")
