namespace NanoTcp.Firmware
{
    /// <summary>
    /// The command table and dispatcher shared by every telnet session: splits a line into words, finds the command
    /// and starts it. An unknown command gets one error line.
    /// </summary>
    public sealed class Shell
    {
        private readonly ShellCommand[] _commands;
        private readonly CommandLine _arguments = new CommandLine();

        /// <summary>Builds the command table; <c>reboot</c> is listed only when the platform can reboot.</summary>
        public Shell(ShellEnvironment environment)
        {
            bool reboot = environment.Platform.CanReboot;
            _commands = new ShellCommand[reboot ? 17 : 16];
            int n = 0;
            _commands[n++] = new HelpCommand();
            _commands[n++] = new IfconfigCommand();
            _commands[n++] = new NetstatCommand();
            _commands[n++] = new ArpCommand();
            _commands[n++] = new StatsCommand();
            _commands[n++] = new PingCommand();
            _commands[n++] = new NslookupCommand();
            _commands[n++] = new DhcpCommand();
            _commands[n++] = new DateCommand();
            _commands[n++] = new UptimeCommand();
            _commands[n++] = new MemCommand();
            _commands[n++] = new ConnectionControlCommand(false);
            _commands[n++] = new ConnectionControlCommand(true);
            _commands[n++] = new WhoCommand();
            if (reboot) _commands[n++] = new RebootCommand();
            _commands[n++] = new ExitCommand("exit");
            _commands[n++] = new ExitCommand("quit");
            environment.Shell = this;
        }

        /// <summary>Number of commands.</summary>
        public int CommandCount => _commands.Length;

        /// <summary>Command <paramref name="index"/>.</summary>
        public ShellCommand GetCommand(int index) => _commands[index];

        /// <summary>
        /// Runs the line in <paramref name="line"/>. Returns the command still running (to be continued), or null
        /// when the line is finished (including empty lines and errors).
        /// </summary>
        public ShellCommand Execute(ShellContext context, byte[] line, int length, long nowMs)
        {
            _arguments.Parse(line, length);
            if (_arguments.Count == 0) return null;
            for (int i = 0; i < _commands.Length; i++)
            {
                ShellCommand command = _commands[i];
                if (_arguments.WordIs(0, command.Name))
                {
                    return command.Start(context, _arguments, nowMs) ? null : command;
                }
            }
            AsciiWriter output = context.Output;
            output.Write("unknown command: ");
            _arguments.WriteWord(0, output, 32);
            output.WriteLine(" (try 'help')");
            return null;
        }
    }
}
