from yiting.cli import main

main()
