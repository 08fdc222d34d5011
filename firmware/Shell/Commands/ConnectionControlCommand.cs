namespace NanoTcp.Firmware
{
    /// <summary>
    /// <c>close &lt;slot&gt;</c> (orderly close: FIN after the queued data, RFC 9293 §3.10.4) and
    /// <c>abort &lt;slot&gt;</c> (RST now, RFC 9293 §3.10.5) for a connection slot shown by <c>netstat</c>.
    /// The session's own connection is refused: use <c>exit</c>.
    /// </summary>
    public sealed class ConnectionControlCommand : ShellCommand
    {
        private readonly bool _abort;

        /// <summary>Creates <c>close</c> (false) or <c>abort</c> (true).</summary>
        public ConnectionControlCommand(bool abort)
            : base(abort ? "abort" : "close", abort ? "abort <slot>" : "close <slot>",
                abort ? "reset a connection (RST)" : "close a connection (FIN)")
        {
            _abort = abort;
        }

        /// <inheritdoc />
        public override bool Start(ShellContext context, CommandLine arguments, long nowMs)
        {
            int slot;
            NetworkStack stack = context.Environment.Stack;
            TcpConnectionInfo info = context.Environment.ConnectionInfo;
            if (arguments.Count != 2 || !arguments.TryGetNumber(1, out slot) || slot >= stack.ConnectionSlotCount)
            {
                WriteUsage(context);
                return true;
            }
            AsciiWriter output = context.Output;
            output.Write(Name);
            if (!stack.GetConnectionInfo(slot, info))
            {
                output.Write(": slot ");
                output.WriteDecimal(slot);
                output.WriteLine(" is free");
                return true;
            }
            if (info.Handle == context.Connection)
            {
                output.WriteLine(": that is this session (use exit)");
                return true;
            }
            int result = _abort ? stack.Abort(info.Handle) : stack.Close(info.Handle);
            output.Write(result == TcpError.None ? ": slot " : ": failed on slot ");
            output.WriteDecimal(slot);
            output.Write(" (");
            output.WriteEndpoint(info.RemoteIp, info.RemotePort);
            output.Write(") ");
            output.WriteLine(result == TcpError.None ? (_abort ? "reset" : "closing") : "error");
            return true;
        }
    }
}
