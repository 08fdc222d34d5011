namespace NanoTcp.Firmware
{
    /// <summary><c>uptime</c>: time since boot and the sessions logged in.</summary>
    public sealed class UptimeCommand : ShellCommand
    {
        /// <summary>Creates the command.</summary>
        public UptimeCommand() : base("uptime", "uptime", "time since boot")
        {
        }

        /// <inheritdoc />
        public override bool Start(ShellContext context, CommandLine arguments, long nowMs)
        {
            AsciiWriter output = context.Output;
            long seconds = (nowMs - context.Environment.Platform.BootTimeMs) / 1000;
            if (seconds < 0) seconds = 0;
            output.Write("up ");
            output.WriteDecimal(seconds / 86400);
            output.Write(seconds / 86400 == 1 ? " day, " : " days, ");
            output.WriteZeroPadded(seconds / 3600 % 24, 2);
            output.Write(":");
            output.WriteZeroPadded(seconds / 60 % 60, 2);
            output.Write(":");
            output.WriteZeroPadded(seconds % 60, 2);
            output.Write(",  ");
            int sessions = context.Environment.Telnet.SessionsInUse;
            output.WriteDecimal(sessions);
            output.WriteLine(sessions == 1 ? " session" : " sessions");
            return true;
        }
    }
}
