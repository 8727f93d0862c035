"""Pipeline plumbing: atomic writes, the work dir cache, the executor and `klisting run`."""
