"""`selfeval-lint serve`: a web page for report authors, on the same engine as the command line."""
