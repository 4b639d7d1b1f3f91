"""kg's benchmarks: a synthetic corpus generator and the scripts that time kg on it (see README.md here)."""
