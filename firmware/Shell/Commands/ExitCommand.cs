namespace NanoTcp.Firmware
{
    /// <summary><c>exit</c> / <c>quit</c>: says goodbye and closes the session with a FIN once the text is sent.</summary>
    public sealed class ExitCommand : ShellCommand
    {
        /// <summary>Creates the command under <paramref name="name"/>.</summary>
        public ExitCommand(string name) : base(name, name, "close this session")
        {
        }

        /// <inheritdoc />
        public override bool Start(ShellContext context, CommandLine arguments, long nowMs)
        {
            context.Output.WriteLine("bye");
            context.ExitRequested = true;
            return true;
        }
    }
}
