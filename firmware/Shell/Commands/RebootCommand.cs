namespace NanoTcp.Firmware
{
    /// <summary><c>reboot</c>: restarts the device once the reply has been handed to TCP (device only).</summary>
    public sealed class RebootCommand : ShellCommand
    {
        /// <summary>Creates the command.</summary>
        public RebootCommand() : base("reboot", "reboot", "restart the device")
        {
        }

        /// <inheritdoc />
        public override bool Start(ShellContext context, CommandLine arguments, long nowMs)
        {
            context.Output.WriteLine("rebooting...");
            context.RebootRequested = true;
            return true;
        }
    }
}
