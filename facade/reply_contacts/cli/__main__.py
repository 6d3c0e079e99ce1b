from reply_contacts.cli import main

main()
