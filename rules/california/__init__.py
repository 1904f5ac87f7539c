"""California: Family Code 3751, 4061, 4063 and 17422 (SB 580, 2010)."""
