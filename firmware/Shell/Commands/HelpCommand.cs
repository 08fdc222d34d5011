namespace NanoTcp.Firmware
{
    /// <summary><c>help</c>: one line per command with its usage and summary.</summary>
    public sealed class HelpCommand : TableCommand
    {
        /// <summary>Creates the command.</summary>
        public HelpCommand() : base("help", "help", "list the commands")
        {
        }

        /// <inheritdoc />
        protected override bool WriteRow(ShellContext context, int row)
        {
            Shell shell = context.Environment.Shell;
            if (row >= shell.CommandCount) return false;
            ShellCommand command = shell.GetCommand(row);
            AsciiWriter output = context.Output;
            output.Write("  ");
            output.Write(command.Usage);
            output.PadTo(22);
            output.WriteLine(command.Summary);
            return true;
        }
    }
}
