from wijkaanpak.cli import main

main()
