"""Demo content built from the five source articles in shared/seeds (facts only; texts written anew)."""
