namespace NanoTcp.Firmware
{
    /// <summary><c>who</c>: the telnet sessions, their peers, whether they are logged in and their idle time.</summary>
    public sealed class WhoCommand : TableCommand
    {
        /// <summary>Creates the command.</summary>
        public WhoCommand() : base("who", "who", "telnet sessions")
        {
        }

        /// <inheritdoc />
        protected override bool WriteRow(ShellContext context, int row)
        {
            AsciiWriter output = context.Output;
            TelnetService telnet = context.Environment.Telnet;
            if (row == 0)
            {
                output.WriteLine("Session From                  State     Idle");
                return true;
            }
            int index = row - 1;
            if (index >= telnet.SessionCount) return false;
            TelnetSession session = telnet.GetSession(index);
            if (!session.InUse) return true;
            output.WriteDecimal(index, 7);
            output.PadTo(8);
            output.WriteEndpoint(session.RemoteIp, session.RemotePort);
            output.PadTo(30);
            output.Write(session.LoggedIn ? "shell" : "login");
            if (index == context.SessionIndex) output.Write("*");
            output.PadTo(40);
            output.WriteDecimal((context.NowMs - session.LastInputMs) / 1000);
            output.WriteLine(" s");
            return true;
        }
    }
}
