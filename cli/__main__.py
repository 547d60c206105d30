"""`python -m cli …` runs the console command from a checkout (what `interview-avatar …` runs once installed)."""
from cli.main import main

main()
