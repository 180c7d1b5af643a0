import NVCommand

NVProgram.main()
